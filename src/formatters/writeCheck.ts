// A write checked afterwards (vscode-free). The Things Stack has no preconditions (no ETag, no If-Match), so a save
// reads, compares, then writes — and someone else's write can land in between, or right after. After writing, the
// formatter is read back: when it is not what was written, when the other direction changed since the read the save
// compared against (someone was writing these formatters meanwhile), or when a device's `updated_at` moved past the
// one of our own write, the caller says so and offers Compare. A write that changed exactly this formatter before
// ours and nothing else cannot be seen afterwards; this narrows the gap to the time between the read and the write.
import type { FormattersApi } from '../tts/formatters';
import { readState, sameValue, writeFormatterAt, type FormatterState, type FormatterValue } from './deployed';
import { formatterLabel } from './kinds';
import { describeLocation, type FormatterLocation } from './location';
import { plainText } from '../util/plainText';

/** Someone else changed the formatter while it was being saved: what the server has now, and the sentence to show. */
export interface ConcurrentChange {
  server: FormatterValue;
  message: string;
}

export function describeValue(value: FormatterValue): string {
  return value.type === 'FORMATTER_JAVASCRIPT'
    ? `JavaScript, ${(value.parameter ?? '').length.toLocaleString('en-US')} characters`
    : formatterLabel(value.type);
}

const capital = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * Writes `value` at `location` (one PUT of that direction), then reads it back (one GET). `before` is what the save
 * compared against. `concurrent` is set when the read-back shows a change by someone else.
 */
export async function writeChecked(
  api: FormattersApi,
  location: FormatterLocation,
  before: FormatterState,
  value: FormatterValue,
): Promise<{ stored: FormatterValue; concurrent?: ConcurrentChange }> {
  const written = await writeFormatterAt(api, location, value);
  const after = await readState(api, location);
  const what = describeLocation(location);
  const other = describeLocation({ ...location, direction: location.direction === 'up' ? 'down' : 'up' });
  let message: string | undefined;
  if (!sameValue(after.value, written.value)) {
    message =
      `${capital(what)} changed on the server right after you saved it: it now has ${describeValue(after.value)}, ` +
      'not your version. Compare the two?';
  } else if (!sameValue(after.other, before.other)) {
    message =
      `${capital(what)} was saved, but ${other} changed on the server at the same time (was ` +
      `${describeValue(before.other)}, now ${describeValue(after.other)}): someone else was writing these ` +
      'formatters, and your save may have replaced their change. Compare the two?';
  } else if (written.updatedAt && after.updatedAt && after.updatedAt !== written.updatedAt) {
    message =
      `${capital(what)} was saved, but the device was written again on the server right after (updated at ` +
      `${plainText(after.updatedAt, 40)}, your save at ${plainText(written.updatedAt, 40)}): check that its ` +
      'formatter is still yours. Compare the two?';
  }
  return message ? { stored: written.value, concurrent: { server: after.value, message } } : { stored: written.value };
}
