// Fault injection: latency, 5xx, 429 with X-Rate-Limit-*, dropped connections and malformed bodies. Each rule
// fires for the next `count` matching requests (default 1); `injected` counts what actually fired.
import { grpcCodeOf, TtsError, errors } from './errors';
import { isObject } from './http';

export type PathMatcher = string | RegExp;
interface Rule {
  remaining: number;
  path?: PathMatcher;
  method?: string;
}
export type MalformedKind = 'html' | 'truncated' | 'wrong-types' | 'huge';
export type DropWhen = 'before-response' | 'mid-body';

interface FailRule extends Rule {
  status: number;
}
interface RateLimitRule extends Rule {
  retrySeconds: number;
  limit: number;
}
interface DropRule extends Rule {
  when: DropWhen;
}
interface MalformedRule extends Rule {
  kind: MalformedKind;
}
export type InterleaveWhen = 'before' | 'after';
interface InterleaveRule extends Rule {
  when: InterleaveWhen;
  write: () => Promise<unknown> | unknown;
}

/** A string matches the path with or without the `/api/v3` prefix; a RegExp is tested against the full path. */
function matches(rule: Rule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) {
    return false;
  }
  if (rule.path === undefined) {
    return true;
  }
  return typeof rule.path === 'string' ? path === rule.path || path === `/api/v3${rule.path}` : rule.path.test(path);
}

function take<R extends Rule>(rules: R[], method: string, path: string): R | undefined {
  const rule = rules.find((r) => r.remaining > 0 && matches(r, method, path));
  if (rule) {
    rule.remaining--;
    rules.splice(0, rules.length, ...rules.filter((r) => r.remaining > 0));
  }
  return rule;
}

export class Knobs {
  /** Added before every request is handled. */
  latencyMs = 0;
  readonly injected = { failures: 0, rateLimited: 0, dropped: 0, malformed: 0, interleaved: 0 };
  private failures: FailRule[] = [];
  private rateLimits: RateLimitRule[] = [];
  private drops: DropRule[] = [];
  private malformed: MalformedRule[] = [];
  private interleaves: InterleaveRule[] = [];

  failNext(options: { status: number; count?: number; path?: PathMatcher; method?: string }): void {
    this.failures.push({ ...options, remaining: options.count ?? 1 });
  }

  rateLimitNext(options: {
    retrySeconds: number;
    count?: number;
    path?: PathMatcher;
    method?: string;
    limit?: number;
  }): void {
    this.rateLimits.push({ limit: 30, ...options, remaining: options.count ?? 1 });
  }

  /** `before-response`: the request is handled, then the socket is destroyed; `mid-body`: half the body is sent first. */
  dropNext(options: { when: DropWhen; count?: number; path?: PathMatcher; method?: string }): void {
    this.drops.push({ ...options, remaining: options.count ?? 1 });
  }

  malformedNext(options: { kind: MalformedKind; count?: number; path?: PathMatcher; method?: string }): void {
    this.malformed.push({ ...options, remaining: options.count ?? 1 });
  }

  /**
   * Someone else's write landing in the gap of a client's read-compare-write (TTS has no preconditions): `write` runs
   * once when the next matching request arrives — `before` it is handled, or `after` (its change is made, its answer
   * not yet sent). `write` may send requests to this server itself (e.g. another user's update); they are handled
   * meanwhile, like any request, and do not match the rule again.
   */
  interleaveNext(options: {
    when: InterleaveWhen;
    write: () => Promise<unknown> | unknown;
    count?: number;
    path?: PathMatcher;
    method?: string;
  }): void {
    this.interleaves.push({ ...options, remaining: options.count ?? 1 });
  }

  /** Runs the interleaved write for this request and moment, if a rule fires. */
  async interleave(method: string, path: string, when: InterleaveWhen): Promise<void> {
    const rule = take(
      this.interleaves.filter((r) => r.when === when),
      method,
      path,
    );
    if (rule) {
      this.interleaves = this.interleaves.filter((r) => r.remaining > 0);
      this.injected.interleaved++;
      await rule.write();
    }
  }

  reset(): void {
    this.latencyMs = 0;
    this.failures = [];
    this.rateLimits = [];
    this.drops = [];
    this.malformed = [];
    this.interleaves = [];
    Object.assign(this.injected, { failures: 0, rateLimited: 0, dropped: 0, malformed: 0, interleaved: 0 });
  }

  /** The injected error for this request, if a failure or rate-limit rule fires. */
  takeError(
    method: string,
    path: string,
  ): { status: number; error: TtsError; headers: Record<string, string> } | undefined {
    const limited = take(this.rateLimits, method, path);
    if (limited) {
      this.injected.rateLimited++;
      const error = errors.rateLimited({ rate: limited.limit, key: `http:api:url:${path}` });
      const retry = String(limited.retrySeconds);
      const headers = {
        'X-Rate-Limit-Limit': String(limited.limit),
        'X-Rate-Limit-Available': '0',
        'X-Rate-Limit-Reset': retry,
        'X-Rate-Limit-Retry': retry,
      };
      return { status: 429, error, headers };
    }
    const failure = take(this.failures, method, path);
    if (failure) {
      this.injected.failures++;
      const names: Record<number, [string, string]> = {
        500: ['internal', 'internal error'],
        502: ['bad_gateway', 'bad gateway'],
        503: ['unavailable', 'service unavailable'],
        504: ['deadline_exceeded', 'deadline exceeded'],
      };
      const [name, message] = names[failure.status] ?? ['injected', `injected failure ${failure.status}`];
      return {
        status: failure.status,
        error: new TtsError(grpcCodeOf(failure.status), 'pkg/ttstest', name, message),
        headers: {},
      };
    }
    return undefined;
  }

  takeDrop(method: string, path: string): DropWhen | undefined {
    const rule = take(this.drops, method, path);
    if (rule) {
      this.injected.dropped++;
    }
    return rule?.when;
  }

  takeMalformed(method: string, path: string): MalformedKind | undefined {
    const rule = take(this.malformed, method, path);
    if (rule) {
      this.injected.malformed++;
    }
    return rule?.kind;
  }
}

export const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Changes the first string leaf into a number; with none, the first array into a string; else answers an array. */
export function wrongTypes(body: unknown): unknown {
  const visit = (value: unknown): boolean => {
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : isObject(value)
        ? Object.entries(value)
        : [];
    for (const [key, child] of entries) {
      if (typeof child === 'string') {
        (value as Record<string | number, unknown>)[key] = 12345;
        return true;
      }
      if (visit(child)) {
        return true;
      }
    }
    return false;
  };
  const copy: unknown = structuredClone(body);
  if (visit(copy)) {
    return copy;
  }
  if (isObject(copy)) {
    const arrayKey = Object.keys(copy).find((k) => Array.isArray(copy[k]));
    if (arrayKey) {
      return { ...copy, [arrayKey]: 'not-a-list' };
    }
  }
  return [copy];
}

/** A body over 10 MB: the real one plus padding. */
export function huge(body: unknown): string {
  const padding = 'x'.repeat(11 * 1024 * 1024);
  return JSON.stringify(isObject(body) ? { ...body, padding } : { body, padding });
}
