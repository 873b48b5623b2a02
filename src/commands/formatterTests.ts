// "Test Uplink Formatter" / "Test Downlink Formatter" (vscode-free): ask the input (bytes as hex or base64, checked
// as the user types; JSON for a downlink to encode; the FPort), run the script in the editor — saved or not — on the
// server's own engine (1 request), and show what came back: decoded JSON, warnings, the formatter's errors and what
// the server changes silently.
import type { Account } from '../auth/accounts';
import type { FormatterLocation } from '../formatters/location';
import { describeLocation } from '../formatters/location';
import { formatBytes, parseBytes, silentChanges } from '../formatters/payload';
import { formatterLabel } from '../formatters/kinds';
import { formatterErrorPosition, formatterErrorText } from '../tts/formatterErrors';
import type { FormatterType } from '../tts/formatters';
import type { EndDeviceVersionIdentifiers } from '../tts/types';
import type { Validation } from '../ui/ui';
import { CommandError } from '../ui/errorText';
import type { CommandContext } from './context';
import { errorMessage } from '../util/errorMessage';

/** The signed-in account of a formatter's deployment. */
export function deploymentAccount(ctx: CommandContext, deploymentKey: string): Account {
  const account = ctx.accounts.account(deploymentKey);
  if (!account) {
    throw new CommandError(`Sign in to ${deploymentKey} first (Things Stack: Sign In).`);
  }
  return account;
}

/** The script to run and where it is deployed (which application, and device if any, the test runs against). */
export interface ScriptUnderTest {
  location: FormatterLocation;
  /** The editor's text, saved or not. */
  script: string;
  /** JavaScript unless said otherwise (a test from the live events panel runs the formatter in effect). */
  type?: FormatterType;
  /** The device's version IDs, for the Device Repository formatter. */
  versionIds?: EndDeviceVersionIdentifiers;
}

export interface TestReport {
  formatter: string;
  device: string;
  input: Record<string, unknown>;
  decoded?: unknown;
  bytes?: { hex: string; base64: string };
  fPort?: number;
  warnings: string[];
  errors: string[];
  /** Where the script failed (1-based line and column in the editor's text), when the server says. */
  errorAt?: { line: number; column: number };
  /** What the server changes or ignores without an error. */
  serverChanges: string[];
}

export function bytesValidation(text: string): Validation | undefined {
  try {
    parseBytes(text);
    return undefined;
  } catch (error) {
    return { severity: 'error', message: errorMessage(error) };
  }
}

export function fPortValidation(text: string, optional = false): Validation | undefined {
  if (optional && text.trim() === '') {
    return undefined;
  }
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= 223 && text.trim() !== ''
    ? undefined
    : { severity: 'error', message: 'An FPort is a whole number from 1 to 223.' };
}

export function jsonObjectValidation(text: string): Validation | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? undefined
      : { severity: 'error', message: 'The downlink data is a JSON object, e.g. {"led": true}.' };
  } catch (error) {
    return { severity: 'error', message: `Not JSON: ${errorMessage(error)}` };
  }
}

/** The device the test endpoint runs on: the formatter's own, else one of the application's (asked when several). */
export async function testDevice(ctx: CommandContext, account: Account, location: FormatterLocation): Promise<string> {
  if (location.deviceId !== undefined) {
    return location.deviceId;
  }
  const page = await ctx.ui.withProgress(`Listing the end devices of ${location.applicationId}…`, (signal) =>
    account.api.devices.list(location.applicationId, { page: 1, limit: 50, signal, order: 'device_id' }),
  );
  const ids = page.items.map((d) => d.ids?.device_id).filter((id): id is string => Boolean(id));
  if (ids.length === 0) {
    throw new CommandError(
      `The server tests a formatter on an end device, and application ${location.applicationId} has none: register one first.`,
    );
  }
  if (ids.length === 1) {
    return ids[0];
  }
  return ctx.ui.pick({
    title: 'Test the formatter on which end device?',
    placeholder: 'The server runs the test for one of the application’s end devices (the script is yours either way)',
    items: ids.map((id) => ({ label: id, value: id, icon: 'chip' })),
  });
}

async function run<T>(
  ctx: CommandContext,
  title: string,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T | ScriptFailure> {
  try {
    return await ctx.ui.withProgress(title, task);
  } catch (error) {
    const text = formatterErrorText(error);
    if (text === undefined) {
      throw error; // not the formatter's fault (rights, network…): the boundary says so
    }
    return { error: text, at: formatterErrorPosition(error) };
  }
}

interface ScriptFailure {
  error: string;
  /** Where in the script the server's error points (1-based), when it names a place in it. */
  at?: { line: number; column: number };
}

/** The report's fields for a failed run: the error, and where it happened. */
function failure(result: unknown): Pick<TestReport, 'errors' | 'errorAt'> {
  if (!isError(result)) {
    return { errors: [] };
  }
  return result.at ? { errors: [result.error], errorAt: result.at } : { errors: [result.error] };
}

const isError = (value: unknown): value is ScriptFailure =>
  typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'string';

/** An uplink given up front (e.g. one captured in the live events panel): no prompts. */
export interface GivenUplink {
  bytes: Uint8Array;
  fPort: number;
}

export async function testUplink(
  ctx: CommandContext,
  target: ScriptUnderTest,
  given?: GivenUplink,
): Promise<TestReport> {
  const { location, script } = target;
  const type = target.type ?? 'FORMATTER_JAVASCRIPT';
  const account = deploymentAccount(ctx, location.deploymentKey);
  const device = await testDevice(ctx, account, location);
  const title = 'Test Uplink Formatter';
  const bytes =
    given?.bytes ??
    parseBytes(
      await ctx.ui.input({
        title,
        step: { step: 1, total: 2, back: false },
        prompt: 'The uplink payload: hex (09 29 80) or base64 (CSmA)',
        placeholder: '09 29 80',
        validate: bytesValidation,
      }),
    );
  const fPort =
    given?.fPort ??
    Number(
      await ctx.ui.input({
        title,
        step: { step: 2, total: 2, back: false },
        prompt: 'FPort',
        value: '1',
        validate: (t) => fPortValidation(t),
      }),
    );
  const parameter = type === 'FORMATTER_JAVASCRIPT' ? script : undefined;
  const result = await run(ctx, 'Running the uplink formatter on the server…', (signal) =>
    account.api.formatters.decodeUplink(
      location.applicationId,
      device,
      { fPort, bytes, type, parameter, versionIds: target.versionIds },
      signal,
    ),
  );
  const report: TestReport = {
    formatter: `${describeLocation(location)}${type === 'FORMATTER_JAVASCRIPT' ? '' : ` (${formatterLabel(type)})`}`,
    device,
    input: { fPort, bytes: formatBytes(bytes) },
    warnings: isError(result) ? [] : result.warnings,
    ...failure(result),
    serverChanges: silentChanges({ direction: 'uplink', type, fPort, script: parameter }),
  };
  if (!isError(result)) {
    report.decoded = result.decoded;
  }
  await ctx.ui.showJson(`uplink test ${device}`, report);
  return report;
}

export async function testDownlink(ctx: CommandContext, target: ScriptUnderTest): Promise<TestReport> {
  const { location, script } = target;
  const account = deploymentAccount(ctx, location.deploymentKey);
  const device = await testDevice(ctx, account, location);
  const title = 'Test Downlink Formatter';
  const mode = await ctx.ui.pick<'encode' | 'decode'>({
    title,
    placeholder: 'Which function to run',
    items: [
      { label: 'Encode', value: 'encode', description: 'encodeDownlink: JSON → bytes', icon: 'arrow-down' },
      { label: 'Decode', value: 'decode', description: 'decodeDownlink: bytes → JSON', icon: 'arrow-up' },
    ],
  });
  const step = (n: number) => ({ step: n, total: 2, back: false });
  let report: TestReport;
  if (mode === 'encode') {
    const data = JSON.parse(
      await ctx.ui.input({
        title,
        step: step(1),
        prompt: 'The downlink data (JSON object)',
        value: '{}',
        validate: jsonObjectValidation,
      }),
    ) as Record<string, unknown>;
    const portText = await ctx.ui.input({
      title,
      step: step(2),
      prompt: 'FPort (empty: the script’s fPort, else 1)',
      value: '',
      validate: (t) => fPortValidation(t, true),
    });
    const fPort = portText.trim() === '' ? 0 : Number(portText);
    const result = await run(ctx, 'Running encodeDownlink on the server…', (signal) =>
      account.api.formatters.encodeDownlink(
        location.applicationId,
        device,
        { fPort, data, type: 'FORMATTER_JAVASCRIPT', parameter: script },
        signal,
      ),
    );
    report = {
      formatter: describeLocation(location),
      device,
      input: { fPort: fPort || undefined, data },
      warnings: isError(result) ? [] : result.warnings,
      ...failure(result),
      serverChanges: silentChanges({
        direction: 'downlink-encode',
        type: 'FORMATTER_JAVASCRIPT',
        fPort,
        data,
        script,
        result: isError(result) ? undefined : { bytes: result.bytes, fPort: result.fPort },
      }),
    };
    if (!isError(result)) {
      report.bytes = formatBytes(result.bytes);
      report.fPort = result.fPort;
    }
  } else {
    const bytes = parseBytes(
      await ctx.ui.input({
        title,
        step: step(1),
        prompt: 'The downlink payload: hex or base64',
        validate: bytesValidation,
      }),
    );
    const fPort = Number(
      await ctx.ui.input({ title, step: step(2), prompt: 'FPort', value: '1', validate: (t) => fPortValidation(t) }),
    );
    const result = await run(ctx, 'Running decodeDownlink on the server…', (signal) =>
      account.api.formatters.decodeDownlink(
        location.applicationId,
        device,
        { fPort, bytes, type: 'FORMATTER_JAVASCRIPT', parameter: script },
        signal,
      ),
    );
    report = {
      formatter: describeLocation(location),
      device,
      input: { fPort, bytes: formatBytes(bytes) },
      warnings: isError(result) ? [] : result.warnings,
      ...failure(result),
      serverChanges: silentChanges({ direction: 'downlink-decode', type: 'FORMATTER_JAVASCRIPT', fPort, script }),
    };
    if (!isError(result)) {
      report.decoded = result.decoded;
    }
  }
  await ctx.ui.showJson(`downlink test ${device}`, report);
  return report;
}
