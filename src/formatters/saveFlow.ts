// Saving a deployed formatter from a document (pure, no vscode). Opening costs 1 request (deployed.ts); saving 3:
// the conflict check (GET: has the server's formatter changed since the document was opened?), the write of just
// that direction (PUT with a field mask on its two fields) and a read-back (GET: did someone else write meanwhile?
// writeCheck.ts). A change on the server is never overwritten silently: the caller asks Compare / Overwrite / Reload
// before, and says so with Compare after. Loaded on first save (the size check brings the parser).
import type { FormattersApi } from '../tts/formatters';
import { checkSize } from './checks';
import { readState, sameValue, type FormatterValue } from './deployed';
import { describeLocation, type FormatterLocation } from './location';
import { describeValue, writeChecked, type ConcurrentChange } from './writeCheck';

export interface Conflict {
  location: FormatterLocation;
  /** What the document was opened with (or last saved as). */
  base: FormatterValue;
  /** What the server has now. */
  server: FormatterValue;
  /** The text being saved. */
  local: string;
}

export type ConflictChoice = 'compare' | 'overwrite' | 'reload';

export type SaveResult =
  /**
   * Written; `stored` is what was written (the document's new base). `concurrent`: the read-back shows someone
   * else's change meanwhile (the caller says so and offers Compare; the next save asks first).
   */
  | { outcome: 'saved'; stored: FormatterValue; concurrent?: ConcurrentChange }
  /** Not sent: over the server's size limit (the message names the size). */
  | { outcome: 'refused'; message: string }
  /** Not written: the user wants to see the server's version beside theirs. */
  | { outcome: 'compare'; server: FormatterValue }
  /** Not written: the user takes the server's version. */
  | { outcome: 'reload'; server: FormatterValue }
  /** Not written: the user closed the question. */
  | { outcome: 'cancelled'; server: FormatterValue };

/** One sentence for the conflict question: what changed on the server. */
export function conflictMessage(conflict: Conflict): string {
  const what = describeLocation(conflict.location);
  const was = describeValue(conflict.base);
  const now = describeValue(conflict.server);
  return (
    `${what.charAt(0).toUpperCase()}${what.slice(1)} changed on the server since you opened it ` +
    `(${was === now ? `${now}, different script` : `was ${was}, now ${now}`}). Saving now would replace that change.`
  );
}

/**
 * Saves `text` as the JavaScript formatter at `location`, if the server still has `base` (what the document was
 * opened with); otherwise `ask` decides. A script over the server's limit is refused before any request.
 */
export async function saveFormatter(
  api: FormattersApi,
  location: FormatterLocation,
  base: FormatterValue,
  text: string,
  ask: (conflict: Conflict) => Promise<ConflictChoice | undefined>,
): Promise<SaveResult> {
  const size = checkSize(text);
  if (size.problem) {
    return { outcome: 'refused', message: `Not saved: ${size.problem}` };
  }
  const next: FormatterValue = { type: 'FORMATTER_JAVASCRIPT', parameter: text };
  const before = await readState(api, location);
  const server = before.value;
  if (!sameValue(server, base)) {
    if (sameValue(server, next)) {
      return { outcome: 'saved', stored: server }; // someone saved exactly this already
    }
    const choice = await ask({ location, base, server, local: text });
    if (choice !== 'overwrite') {
      return { outcome: choice ?? 'cancelled', server };
    }
  }
  const { stored, concurrent } = await writeChecked(api, location, before, next);
  return concurrent ? { outcome: 'saved', stored, concurrent } : { outcome: 'saved', stored };
}
