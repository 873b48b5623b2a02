// A deployed formatter as one value (type + script) and its two requests: read (1 GET of the link or the device's
// formatters) and write (1 PUT of just that direction, field mask on its two fields). Pure, no vscode; small enough
// to load at activation (no parser).
import type { Direction, FormattersApi, FormatterType } from '../tts/formatters';
import type { FormatterLocation } from './location';

export interface FormatterValue {
  type: FormatterType;
  parameter?: string;
}

export const NONE: FormatterValue = { type: 'FORMATTER_NONE' };

/** The text a document shows: a JavaScript formatter's script, else nothing (the type is shown elsewhere). */
export function documentText(value: FormatterValue): string {
  return value.type === 'FORMATTER_JAVASCRIPT' ? (value.parameter ?? '') : '';
}

export function sameValue(a: FormatterValue, b: FormatterValue): boolean {
  return a.type === b.type && (a.parameter ?? '') === (b.parameter ?? '');
}

/** A location's formatter, the other direction's beside it, and (devices only: the link has no timestamps) when the
 * Application Server last wrote the device. */
export interface FormatterState {
  value: FormatterValue;
  other: FormatterValue;
  updatedAt?: string;
}

/** What is set at a location now, with the other direction and the device's `updated_at`: one GET. */
export async function readState(
  api: FormattersApi,
  location: FormatterLocation,
  signal?: AbortSignal,
): Promise<FormatterState> {
  const other: Direction = location.direction === 'up' ? 'down' : 'up';
  if (location.deviceId === undefined) {
    const pair = await api.getApplication(location.applicationId, signal);
    return { value: pick(pair, location.direction), other: pick(pair, other) };
  }
  const device = await api.getDevice(location.applicationId, location.deviceId, signal);
  const state: FormatterState = {
    value: pick(device.formatters, location.direction),
    other: pick(device.formatters, other),
  };
  if (device.updatedAt) {
    state.updatedAt = device.updatedAt;
  }
  return state;
}

/** What is set at a location now: the application's default or the device's own; None when nothing is. */
export async function readFormatter(
  api: FormattersApi,
  location: FormatterLocation,
  signal?: AbortSignal,
): Promise<FormatterValue> {
  return (await readState(api, location, signal)).value;
}

/** Writes only this direction's formatter; returns what the server stored (and, for a device, its new updated_at). */
export async function writeFormatterAt(
  api: FormattersApi,
  location: FormatterLocation,
  value: FormatterValue,
): Promise<{ value: FormatterValue; updatedAt?: string }> {
  if (location.deviceId === undefined) {
    return {
      value: pick(await api.setApplication(location.applicationId, location.direction, value), location.direction),
    };
  }
  const device = await api.setDevice(location.applicationId, location.deviceId, location.direction, value);
  return { value: pick(device.formatters, location.direction), updatedAt: device.updatedAt };
}

/** Writes only this direction's formatter; returns what the server stored. */
export async function writeFormatter(
  api: FormattersApi,
  location: FormatterLocation,
  value: FormatterValue,
): Promise<FormatterValue> {
  return (await writeFormatterAt(api, location, value)).value;
}

function pick(
  pair: Partial<Record<Direction, { type: FormatterType; parameter?: string }>> | undefined,
  direction: Direction,
): FormatterValue {
  const value = pair?.[direction];
  return value ? { type: value.type, parameter: value.parameter } : NONE;
}
