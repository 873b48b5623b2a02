// What a user reads about a failure, shared by the command boundary and the explorer's error nodes.
import { BadResponseError, NetworkError, readable, RedirectRefusedError, TimeoutError, TtsError } from '../tts/errors';
import { explain, isRight, type Right } from '../tts/rights';
import { plainText } from '../util/plainText';

/** A refusal the extension itself decides on (e.g. "still has devices"): shown as is, not logged as a failure. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

function rightsIn(value: unknown): Right[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return names.filter((n): n is Right => typeof n === 'string' && isRight(n));
}

/** Rights a TTS permission error names, in its attributes or message. */
export function missingRightsOf(error: TtsError): Right[] {
  const a = error.attributes;
  const fromAttributes = [
    ...rightsIn(a.missing),
    ...rightsIn(a.missing_rights),
    ...rightsIn(a.rights),
    ...rightsIn(a.right),
  ];
  if (fromAttributes.length > 0) {
    return [...new Set(fromAttributes)];
  }
  return [...new Set(error.message.match(/RIGHT_[A-Z_]+/g) ?? [])].filter(isRight);
}

export function isPermissionDenied(error: unknown): error is TtsError {
  return error instanceof TtsError && (error.status === 403 || error.code === 7);
}

/**
 * One sentence (or two) for any failure. `needed` are the rights the operation requires, used to name the right
 * when TTS's permission error does not.
 */
export function describeError(error: unknown, needed: readonly Right[] = []): string {
  if (error instanceof TtsError) {
    if (isPermissionDenied(error)) {
      const missing = missingRightsOf(error);
      const rights = missing.length > 0 ? missing : [...needed];
      if (rights.length > 0) {
        const list = rights.map((r) => `${r} (${explain(r).replace(/\.$/, '').toLowerCase()})`).join(', ');
        const cid = error.correlationId ? ` (correlation id ${plainText(error.correlationId, 64)})` : '';
        return `${readable(error.message).replace(/\.$/, '')}. You need ${list}.${cid}`;
      }
    }
    return error.userMessage;
  }
  if (error instanceof NetworkError) {
    // The transport's messages already say "Could not reach The Things Stack (at host): …"; raw ones do not.
    const reason = error.message.replace(/^Could not reach The Things Stack(?: at \S+)?: /, '').replace(/\.+$/, '');
    const at = error.host ? ` at ${error.host}` : '';
    return `Could not reach The Things Stack${at}: ${reason}. Check your connection and the deployment URL.`;
  }
  if (error instanceof TimeoutError) {
    return `${error.message} Try again, or check the deployment's status.`;
  }
  if (error instanceof BadResponseError) {
    // "The Things Stack sent more than 8 MiB…" reads as the detail of this sentence, not a second one.
    const detail = error.message.replace(/^The Things Stack sent /, '').replace(/ \(HTTP \d+\)(?=\.$)/, '');
    return `The Things Stack sent an answer the extension cannot read (HTTP ${error.status}): ${detail}`;
  }
  if (error instanceof CommandError || error instanceof RedirectRefusedError) {
    return error.message;
  }
  return 'Something went wrong. The details are in the log (Things Stack: Show Log).';
}
