// The events stream (§8): POST /api/v3/events answers with one JSON message per line, `{"result": Event}` or
// `{"error": Status}`. The first event is always the synthetic `events.stream.start`.
import { BadResponseError, ttsErrorFrom } from './errors';
import type { HttpClient } from './http';
import type { StreamEventsRequest, TtsEvent } from './types';
import { UserCancelledError } from '../util/cancellation';

export const STREAM_START = 'events.stream.start';

/** Splits a byte stream into messages at blank-or-single newlines; tolerant of both delimiters (§8, Corrections 8). */
export async function* messages(
  body: AsyncIterable<Uint8Array>,
  maxMessageBytes = 4 * 1024 * 1024,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) {
        yield line;
      }
    }
    if (buffer.length > maxMessageBytes) {
      throw new BadResponseError('An event from The Things Stack was too large to read.', 200);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) {
    yield buffer.trim();
  }
}

export class EventsApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Streams events until the server ends the stream or `signal` aborts. Errors in the stream are thrown as
   * TtsError; a dropped connection ends the iteration with a NetworkError (the caller reconnects with `after`).
   */
  async *stream(request: StreamEventsRequest, signal?: AbortSignal): AsyncGenerator<TtsEvent> {
    // The stream is long-lived: the per-attempt timeout only guards the wait for the response headers.
    const response = await this.http.open('POST', '/events', { body: request, signal, idempotent: false });
    if (!response.body) {
      return;
    }
    try {
      for await (const text of messages(response.body)) {
        let message: { result?: TtsEvent; error?: unknown };
        try {
          message = JSON.parse(text) as typeof message;
        } catch {
          throw new BadResponseError('The Things Stack sent an event that is not valid JSON.', response.status);
        }
        if (message.error !== undefined) {
          throw ttsErrorFrom(response.status >= 400 ? response.status : 500, { error: message.error });
        }
        if (message.result) {
          yield message.result;
        }
      }
    } catch (error) {
      if (signal?.aborted) {
        throw new UserCancelledError();
      }
      throw error;
    }
  }
}
