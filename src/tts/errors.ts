// The error kinds the TTS client raises. Callers switch on the class, never on message text.
import { plainText } from '../util/plainText';
import { errorMessage } from '../util/errorMessage';

/** The `ttn.lorawan.v3.ErrorDetails` entry of a TTS error body (§6 of the reference). */
export interface TtsErrorDetails {
  namespace?: string;
  name?: string;
  message_format?: string;
  attributes?: Record<string, unknown>;
  correlation_id?: string;
  code?: number;
  cause?: TtsErrorDetails;
}

/** An error answer from TTS: HTTP status, gRPC code, `namespace:name`, the filled-in message and correlation id. */
export class TtsError extends Error {
  override readonly name = 'TtsError';
  constructor(
    readonly status: number,
    readonly code: number,
    readonly namespace: string,
    readonly errorName: string,
    message: string,
    readonly attributes: Record<string, unknown>,
    readonly correlationId: string | undefined,
    readonly ttsCause?: TtsErrorDetails,
  ) {
    super(message);
  }

  /** `pkg/oauth:invalid_grant`-style identifier, handy for matching known errors. */
  get id(): string {
    return `${this.namespace}:${this.errorName}`;
  }

  /**
   * The one line a user sees: the message and, when there is one, the correlation id to quote to support. TTS
   * quotes values in Markdown backticks (ID `x` already taken); notifications and inputs show them literally.
   */
  get userMessage(): string {
    const text = readable(this.message);
    return this.correlationId ? `${text} (correlation id ${plainText(this.correlationId, 64)})` : text;
  }
}

/**
 * A TTS message as plain text: `value` → "value", and nothing the server wrote becomes a link or an icon
 * (util/plainText.ts); at most 400 characters.
 */
export function readable(text: string): string {
  return plainText(text.replace(/`([^`]*)`/g, '"$1"'), 400);
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  /** `host` (with port, if any) is the one that could not be reached, so the message can say which. */
  constructor(
    message: string,
    readonly causeCode?: string,
    readonly host?: string,
  ) {
    super(message);
  }
}

/**
 * A request that carries a credential in its body or headers (an authorization code, a refresh token, a client
 * secret) was answered with a redirect: it is not followed, since following would send the credential on to
 * wherever the redirect points (node-fetch re-sends the body on 307/308).
 */
export class RedirectRefusedError extends Error {
  override readonly name = 'RedirectRefusedError';
  constructor(
    readonly status: number,
    readonly host: string,
    readonly target: string | undefined,
  ) {
    super(
      `${host} answered a sign-in or sign-out request with a redirect (HTTP ${status}${target ? ` to ${target}` : ''}); ` +
        'it was not followed, because the request carries a code, a token or a client secret. Check the ' +
        "deployment's URL: it must be the address of The Things Stack itself.",
    );
  }
}

/** No answer within the time limit. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The Things Stack did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  }
}

/** An answer that is not what the API promises: HTML instead of JSON, truncated or oversized bodies, wrong types. */
export class BadResponseError extends Error {
  override readonly name = 'BadResponseError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const STATUS_TO_CODE: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  409: 6,
  429: 8,
  499: 1,
  500: 13,
  501: 12,
  503: 14,
  504: 4,
};

/** Fills `{name}` placeholders of a TTS message format with the error's attributes. */
export function formatTtsMessage(format: string, attributes: Record<string, unknown>): string {
  return format.replace(/\{\s*([a-zA-Z0-9_]+)\s*\}/g, (whole, key: string) =>
    key in attributes ? String(attributes[key]) : whole,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function detailsOf(body: Record<string, unknown>): TtsErrorDetails | undefined {
  const details = Array.isArray(body.details) ? body.details : [];
  return details.find((d): d is TtsErrorDetails => isObject(d) && typeof d.name === 'string');
}

/**
 * Builds a TtsError from an HTTP status and a parsed body (a `google.rpc.Status`, or `{error: Status}` as the
 * events stream sends it). Bodies that are not TTS errors still give a TtsError that says what came back.
 */
export function ttsErrorFrom(status: number, body: unknown): TtsError {
  const root = isObject(body) && isObject(body.error) ? body.error : body;
  if (!isObject(root)) {
    return new TtsError(
      status,
      STATUS_TO_CODE[status] ?? 2,
      '',
      'http',
      `The Things Stack answered HTTP ${status}.`,
      {},
      undefined,
    );
  }
  const d = detailsOf(root);
  const attributes = isObject(d?.attributes) ? d.attributes : {};
  const code = typeof root.code === 'number' ? root.code : (d?.code ?? STATUS_TO_CODE[status] ?? 2);
  let message: string;
  if (d?.message_format) {
    message = formatTtsMessage(d.message_format, attributes);
  } else if (typeof root.message === 'string' && root.message) {
    // "error:pkg/oauth:invalid_request (invalid or missing request parameter)" → the part in brackets.
    message = /^error:[^ ]+ \((.*)\)$/s.exec(root.message)?.[1] ?? root.message;
  } else {
    message = `The Things Stack answered HTTP ${status}.`;
  }
  const fromMessage = typeof root.message === 'string' ? /^error:([^:]+):([^ ]+)/.exec(root.message) : null;
  return new TtsError(
    status,
    code,
    d?.namespace ?? fromMessage?.[1] ?? '',
    d?.name ?? fromMessage?.[2] ?? 'unknown',
    message,
    attributes,
    d?.correlation_id,
    d?.cause,
  );
}

/**
 * A failed fetch as the user should read it: what happened to the connection, not the library's words, and the
 * host it happened with (`url` is the address that was asked).
 */
export function toNetworkError(error: unknown, url?: string): NetworkError {
  let host: string | undefined;
  try {
    host = url ? new URL(url).host || undefined : undefined;
  } catch {
    host = undefined;
  }
  const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  const reason = (() => {
    switch (code) {
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return 'the host name could not be resolved';
      case 'ECONNREFUSED':
        return 'the connection was refused';
      case 'ECONNRESET':
      case 'UND_ERR_SOCKET':
        return 'the connection was reset';
      case 'EPROTO': // e.g. an https URL on a plain-HTTP port: OpenSSL's "wrong version number"
        return "no secure (TLS) connection could be set up; check that the URL's http/https matches the server";
      default:
        if (code && /CERT|SSL|TLS/.test(code)) {
          return 'the TLS certificate could not be verified';
        }
        return errorMessage(error);
    }
  })();
  return new NetworkError(`Could not reach The Things Stack${host ? ` at ${host}` : ''}: ${reason}.`, code, host);
}
