// Runs the cases of a `<formatter>.tests.json` file on the server (vscode-free): one request per case, with the
// script as it is in the editor; the formatter's own errors are a result to judge, not a failure of the run.
import type { FormatterLocation } from '../formatters/location';
import { parseBytes } from '../formatters/payload';
import { judgeCase } from '../formatters/caseJudge';
import type { CaseOutcome, FormatterTestCase } from '../formatters/testCases';
import { formatterErrorText } from '../tts/formatterErrors';
import type { FormattersApi } from '../tts/formatters';
import type { TtsClient } from '../tts/client';
import { TtsError } from '../tts/errors';
import { CommandError } from '../ui/errorText';

/** The device the cases run on: the formatter's own, else the application's first (the script is the file's). */
export async function caseDevice(api: TtsClient, location: FormatterLocation, signal?: AbortSignal): Promise<string> {
  if (location.deviceId !== undefined) {
    return location.deviceId;
  }
  const page = await api.devices.list(location.applicationId, { page: 1, limit: 1, signal, order: 'device_id' });
  const id = page.items[0]?.ids?.device_id;
  if (!id) {
    throw new CommandError(
      `The server tests a formatter on an end device, and application ${location.applicationId} has none: register one first.`,
    );
  }
  return id;
}

/** Runs one case and judges it. Errors other than the formatter's (rights, network) are thrown. */
export async function runCase(
  api: FormattersApi,
  location: FormatterLocation,
  deviceId: string,
  script: string,
  c: FormatterTestCase,
  signal?: AbortSignal,
): Promise<CaseOutcome> {
  const formatter = { type: 'FORMATTER_JAVASCRIPT' as const, parameter: script };
  const app = location.applicationId;
  try {
    switch (c.direction) {
      case 'uplink': {
        const r = await api.decodeUplink(
          app,
          deviceId,
          { ...formatter, fPort: c.fPort, bytes: parseBytes(c.bytes ?? '') },
          signal,
        );
        return judgeCase(c, { data: r.decoded, warnings: r.warnings, fPort: r.fPort });
      }
      case 'downlink-decode': {
        const r = await api.decodeDownlink(
          app,
          deviceId,
          { ...formatter, fPort: c.fPort, bytes: parseBytes(c.bytes ?? '') },
          signal,
        );
        return judgeCase(c, { data: r.decoded, warnings: r.warnings, fPort: r.fPort });
      }
      case 'downlink-encode': {
        const r = await api.encodeDownlink(app, deviceId, { ...formatter, fPort: c.fPort, data: c.data ?? {} }, signal);
        return judgeCase(c, { bytes: r.bytes, fPort: r.fPort, warnings: r.warnings });
      }
    }
  } catch (error) {
    const errors = formatterErrors(error, c.expect.errors);
    if (errors === undefined) {
      throw error;
    }
    return judgeCase(c, { errors });
  }
}

/**
 * The formatter's errors as a case expects them: the `errors` its script returned, else one readable line (a throw,
 * a timeout); undefined for errors that are not the formatter's. TTS joins the returned errors with ", " in
 * `attributes.errors`, so an error with a comma of its own is told apart only by the case's `expected` list.
 */
export function formatterErrors(error: unknown, expected?: readonly string[]): string[] | undefined {
  if (error instanceof TtsError && error.id === 'pkg/messageprocessors/javascript:output_errors') {
    const joined = error.attributes.errors;
    if (typeof joined === 'string' && joined !== '') {
      return expected && expected.join(', ') === joined ? [...expected] : joined.split(', ');
    }
  }
  const text = formatterErrorText(error);
  return text === undefined ? undefined : [text];
}
