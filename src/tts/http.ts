// The one transport to a TTS deployment: base URL, Bearer token, per-attempt timeout and caller AbortSignal,
// retries with backoff and jitter for idempotent requests, JSON (or a form) in and JSON out, bounded reads, TTS
// errors, and, for requests that carry a credential, no redirect followed. The API and the OAuth token endpoint both
// go through it.
import { defaultFetch } from './defaultFetch';
import { Deadline } from './deadline';
import { apiEndpoint, oauthEndpoint, type Query } from './endpoints';
import { abortableSleep } from './sleep';
import { NetworkError, TimeoutError, type TtsError, ttsErrorFrom } from './errors';
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody, readBoundedText, redirectRefused } from './answers';
import { UserCancelledError } from '../util/cancellation';

/** The part of a fetch Response we use; both node-fetch and the global fetch fit it. */
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | null;
}
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** `manual`: a 3xx is answered as it is, not followed (node-fetch would re-send the body on 307/308). */
  redirect?: 'follow' | 'manual';
}
export type Fetch = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** Where the transport gets its token, and how it asks for a fresh one after a 401. */
export interface TokenSource {
  token(signal?: AbortSignal): Promise<string>;
  /** Called once after a 401 with the token that failed; resolves to a new token, or undefined to give up. */
  renew?(failed: string, signal?: AbortSignal): Promise<string | undefined>;
}

export interface CoreLogger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface HttpOptions {
  /** The deployment's Identity Server base URL, e.g. `https://eu1.cloud.thethings.network` (a path is kept). */
  baseUrl: string;
  auth?: TokenSource;
  fetch?: Fetch;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Further attempts after the first for idempotent requests; default 3. */
  retries?: number;
  /** First backoff step; doubled each retry up to maxBackoffMs, with full jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Answers larger than this are refused instead of parsed; default 8 MiB. */
  maxBodyBytes?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  log?: CoreLogger;
  userAgent?: string;
  /**
   * `refuse`: a 3xx answer is an error naming the hosts (RedirectRefusedError), and nothing is sent where it points.
   * For clients whose requests carry a code, a token or a client secret (sign-in, refresh, revoke); node-fetch would
   * re-send the body on 307/308. Default `follow`.
   */
  redirects?: 'follow' | 'refuse';
}

export type { Query } from './endpoints';

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` (the OAuth token endpoint). */
  form?: Record<string, string>;
  /** More headers (e.g. a client's Basic credentials). */
  headers?: Record<string, string>;
  /** `oauth`: the path is an OAuth route under the base (`/token` → `/oauth/token`); default the API (`/api/v3`). */
  route?: 'api' | 'oauth';
  signal?: AbortSignal;
  /** Defaults to true for GET/PUT/DELETE, false for POST. Creates are never retried. */
  idempotent?: boolean;
  timeoutMs?: number;
}

/** An HTTP answer: its body read (`text`) or, for a stream, still to be read (`body`). */
interface Answer {
  status: number;
  headers: FetchResponse['headers'];
  text?: string;
  body?: AsyncIterable<Uint8Array> | null;
}

export interface HttpResult<T> {
  status: number;
  data: T;
  headers: FetchResponse['headers'];
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

export class HttpClient {
  readonly baseUrl: string;
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxBodyBytes: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? defaultFetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 300;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
  }

  /** `/clients/x` → `https://host[/path]/api/v3/clients/x?…`; undefined query values are left out. */
  url(path: string, query?: Query, route: RequestOptions['route'] = 'api'): string {
    return route === 'oauth' ? oauthEndpoint(this.baseUrl, path, query) : apiEndpoint(this.baseUrl, path, query);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const answer = await this.send(method, path, options, false);
    return { status: answer.status, data: parseJsonBody<T>(answer.text ?? '', answer.status), headers: answer.headers };
  }

  /**
   * Opens a request and returns the response with its body unread (the events stream). The time limit covers
   * the wait for the response headers only; the caller's signal ends the stream. Errors are thrown.
   */
  async open(method: string, path: string, options: RequestOptions = {}): Promise<FetchResponse> {
    const answer = await this.send(method, path, options, true);
    return { status: answer.status, headers: answer.headers, body: answer.body ?? null };
  }

  private async send(method: string, path: string, options: RequestOptions, stream: boolean): Promise<Answer> {
    const idempotent = options.idempotent ?? method !== 'POST';
    let token = this.options.auth ? await this.options.auth.token(options.signal) : undefined;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.attempt(method, path, options, token, stream);
        if (answer.status === 401 && token && !renewed && this.options.auth?.renew) {
          const unauthorized = await this.errorFrom(answer);
          renewed = true;
          const fresh = await this.options.auth.renew(token, options.signal);
          if (!fresh) {
            throw unauthorized;
          }
          token = fresh;
          attempt--;
          continue;
        }
        if (answer.status >= 200 && answer.status < 300) {
          return answer;
        }
        if (idempotent && RETRY_STATUSES.has(answer.status) && attempt < this.retries) {
          const wait = this.retryDelay(attempt, answer);
          this.options.log?.debug(`${method} ${path} → ${answer.status}, retry ${attempt + 1} in ${wait} ms`);
          await this.errorFrom(answer).catch(() => undefined); // drain a streamed body
          await this.sleep(wait, options.signal);
          continue;
        }
        throw await this.errorFrom(answer);
      } catch (error) {
        if ((error instanceof NetworkError || error instanceof TimeoutError) && idempotent && attempt < this.retries) {
          const wait = this.retryDelay(attempt);
          this.options.log?.debug(`${method} ${path} failed (${error.message}), retry ${attempt + 1} in ${wait} ms`);
          await this.sleep(wait, options.signal);
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * One HTTP exchange with its own time limit, linked to the caller's signal. A buffered exchange reads the whole
   * body within the limit; a streamed one returns after the headers with the body unread.
   */
  private async attempt(
    method: string,
    path: string,
    options: RequestOptions,
    token: string | undefined,
    stream: boolean,
  ): Promise<Answer> {
    if (options.signal?.aborted) {
      throw new UserCancelledError();
    }
    const url = this.url(path, options.query, options.route);
    const deadline = new Deadline(options.timeoutMs ?? this.timeoutMs, options.signal);
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (this.options.userAgent) {
      headers['User-Agent'] = this.options.userAgent;
    }
    let body: string | undefined;
    if (options.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const refuse = this.options.redirects === 'refuse';
    let keepLink = false;
    try {
      const response = await this.fetch(url, {
        method,
        headers,
        body,
        signal: deadline.signal,
        ...(refuse ? { redirect: 'manual' as const } : {}),
      });
      if (refuse && response.status >= 300 && response.status < 400) {
        throw redirectRefused(response.status, url, response.headers.get('location'));
      }
      if (stream && response.status >= 200 && response.status < 300) {
        keepLink = true; // the caller's signal must still end the stream
        return { status: response.status, headers: response.headers, body: response.body };
      }
      return { status: response.status, headers: response.headers, text: await this.readText(response) };
    } catch (error) {
      throw deadline.failure(error, url);
    } finally {
      deadline.end(keepLink);
    }
  }

  private retryDelay(attempt: number, response?: Pick<FetchResponse, 'status' | 'headers'>): number {
    if (response?.status === 429) {
      const retry = Number(response.headers.get('x-rate-limit-retry') ?? response.headers.get('x-rate-limit-reset'));
      if (Number.isFinite(retry) && retry > 0) {
        return Math.min(retry, 60) * 1000;
      }
      return 1000;
    }
    const cap = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** attempt);
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  private async errorFrom(answer: Answer): Promise<TtsError> {
    let text = answer.text;
    if (text === undefined) {
      try {
        text = await this.readText({ status: answer.status, body: answer.body ?? null });
      } catch {
        text = '';
      }
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return ttsErrorFrom(answer.status, parsed);
  }

  /** Reads the body as text, refusing bodies over the limit (the caller then drops the connection). */
  async readText(response: Pick<FetchResponse, 'status' | 'body'>): Promise<string> {
    return readBoundedText(response, this.maxBodyBytes);
  }
}
