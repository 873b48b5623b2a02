// "Change Formatter Type" (vscode-free): a pick of the types v3.32.1 runs; JavaScript starts from the template when
// there is no script yet; leaving JavaScript deletes the script on the server, so that asks first.
import { readFormatter, writeFormatter, type FormatterValue } from '../formatters/deployed';
import { formatterLabel, SETTABLE_TYPES } from '../formatters/kinds';
import { describeLocation, type FormatterLocation } from '../formatters/location';
import type { Direction, FormattersApi, FormatterType } from '../tts/formatters';
import { UserCancelledError } from '../util/cancellation';
import type { CommandContext } from './context';
import { deploymentAccount } from './formatterTests';

const DETAILS: Partial<Record<FormatterType, string>> = {
  FORMATTER_JAVASCRIPT: 'Your own decodeUplink / encodeDownlink / decodeDownlink, edited here',
  FORMATTER_CAYENNELPP: 'The Cayenne Low Power Payload format, no script',
  FORMATTER_REPOSITORY: "The device's codec from the LoRaWAN Device Repository (needs the device's version IDs)",
  FORMATTER_NONE: 'No formatter: payloads pass through as bytes',
};

/** Sets a new type and returns what the server stored; undefined when the type stays. */
export async function changeFormatterType(
  ctx: CommandContext,
  location: FormatterLocation,
  template: (direction: Direction) => Promise<string>,
): Promise<FormatterValue | undefined> {
  const api = deploymentAccount(ctx, location.deploymentKey).api.formatters;
  const { current, ownless, otherDefault } = await ctx.ui.withProgress('Reading the formatter…', (signal) =>
    readCurrent(api, location, signal),
  );
  const type = await ctx.ui.pick<FormatterType>({
    title: `Change Formatter Type: ${describeLocation(location)}`,
    placeholder: ownless ? `Now: not set (the application's default applies)` : `Now: ${formatterLabel(current.type)}`,
    items: SETTABLE_TYPES.map((t) => ({
      label: formatterLabel(t),
      value: t,
      description: t === current.type && !ownless ? 'current' : undefined,
      detail: DETAILS[t],
    })),
  });
  if (type === current.type && !ownless) {
    return undefined;
  }
  if (ownless && otherDefault !== 'FORMATTER_NONE') {
    // v3.32.1: a device's `formatters` replace the application's defaults in both directions.
    const other = location.direction === 'up' ? 'downlink' : 'uplink';
    const ok = await ctx.ui.confirm({
      message: `Give end device ${location.deviceId ?? ''} formatters of its own?`,
      detail: `The device now uses the application's default formatters. Once it has formatters of its own, they replace the defaults in both directions: its ${other} formatter becomes None instead of the application's ${formatterLabel(otherDefault)}. Set its ${other} formatter too if it should keep one.`,
      confirm: 'Set Anyway',
    });
    if (!ok) {
      throw new UserCancelledError();
    }
  }
  const script = current.parameter ?? '';
  if (current.type === 'FORMATTER_JAVASCRIPT' && script.trim() !== '') {
    const ok = await ctx.ui.confirm({
      message: `Change ${describeLocation(location)} to ${formatterLabel(type)}?`,
      detail: `The Things Stack keeps no script for ${formatterLabel(type)}: the JavaScript (${script.length.toLocaleString('en-US')} characters) is deleted on the server and cannot be restored there. Pull it to the workspace first to keep a copy.`,
      confirm: 'Change Type',
    });
    if (!ok) {
      throw new UserCancelledError();
    }
  }
  const next: FormatterValue =
    type === 'FORMATTER_JAVASCRIPT' ? { type, parameter: await template(location.direction) } : { type };
  const stored = await ctx.ui.withProgress(`Setting ${formatterLabel(type)}…`, () =>
    writeFormatter(api, location, next),
  );
  await ctx.model.formattersChanged(location.deploymentKey, location.applicationId, location.deviceId);
  ctx.log.info(`Set ${describeLocation(location)} to ${formatterLabel(stored.type)}.`);
  return stored;
}

/** The formatter set at the location; for a device without formatters of its own, also the other direction's default. */
async function readCurrent(
  api: FormattersApi,
  location: FormatterLocation,
  signal: AbortSignal,
): Promise<{ current: FormatterValue; ownless: boolean; otherDefault: FormatterType }> {
  if (location.deviceId === undefined) {
    return { current: await readFormatter(api, location, signal), ownless: false, otherDefault: 'FORMATTER_NONE' };
  }
  const device = await api.getDevice(location.applicationId, location.deviceId, signal);
  if (device.formatters) {
    const own = device.formatters[location.direction];
    return { current: own ? { ...own } : { type: 'FORMATTER_NONE' }, ownless: false, otherDefault: 'FORMATTER_NONE' };
  }
  const defaults = await api.getApplication(location.applicationId, signal);
  return {
    current: { type: 'FORMATTER_NONE' },
    ownless: true,
    otherDefault: defaults?.[location.direction === 'up' ? 'down' : 'up']?.type ?? 'FORMATTER_NONE',
  };
}
