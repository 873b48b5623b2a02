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

/** What is set at a location now: the application's default or the device's own; None when nothing is. */
export async function readFormatter(
  api: FormattersApi,
  location: FormatterLocation,
  signal?: AbortSignal,
): Promise<FormatterValue> {
  const pair =
    location.deviceId === undefined
      ? await api.getApplication(location.applicationId, signal)
      : (await api.getDevice(location.applicationId, location.deviceId, signal)).formatters;
  return pick(pair, location.direction);
}

/** Writes only this direction's formatter; returns what the server stored. */
export async function writeFormatter(
  api: FormattersApi,
  location: FormatterLocation,
  value: FormatterValue,
): Promise<FormatterValue> {
  const stored =
    location.deviceId === undefined
      ? await api.setApplication(location.applicationId, location.direction, value)
      : (await api.setDevice(location.applicationId, location.deviceId, location.direction, value)).formatters;
  return pick(stored, location.direction);
}

function pick(
  pair: Partial<Record<Direction, { type: FormatterType; parameter?: string }>> | undefined,
  direction: Direction,
): FormatterValue {
  const value = pair?.[direction];
  return value ? { type: value.type, parameter: value.parameter } : NONE;
}
