// Live events of an application (or one device): reads the stream, keeps the newest events in a ring buffer,
// reconnects with backoff after a drop and resumes after the last event seen, and tells the UI at most
// `maxUpdatesPerSecond` times a second: every update (new events, state changes, pause, filter, clear) goes through
// one throttle, so updates arrive asynchronously. vscode-free.
import { TtsError } from '../tts/errors';
import { STREAM_START } from '../tts/events';
import type { CoreLogger } from '../tts/http';
import { abortableSleep } from '../tts/sleep';
import type { StreamEventsRequest, TtsEvent } from '../tts/types';
import { checkBufferSize } from './bufferSize';
import { RingBuffer } from './ringBuffer';
import { summarise, type EventSummary } from './summary';
import { Throttle } from './throttle';
import { isCancellation } from '../util/cancellation';
import { nameMatcher } from './nameFilter';
import { errorMessage } from '../util/errorMessage';

const RATE_WINDOW = 3;
/** How far before the last event seen a resumed stream starts (§8 `after`). */
export const RESUME_OVERLAP_MS = 1000;

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface LiveTarget {
  applicationId: string;
  deviceId?: string;
}

export interface LiveFilter {
  /** Substring or /regex/ on the event name. */
  name?: string;
  device?: string;
}

export interface LiveSnapshot {
  state: LiveState;
  paused: boolean;
  /** Newest first, filtered (at most the snapshot's limit). */
  events: EventSummary[];
  /** Buffered events that pass the filter. */
  matched: number;
  buffered: number;
  received: number;
  /** Events that fell out of the buffer. */
  evicted: number;
  /** Events per second over the last few seconds. */
  rate: number;
  reconnects: number;
  error?: string;
}

export interface StreamSource {
  stream(request: StreamEventsRequest, signal?: AbortSignal): AsyncIterable<TtsEvent>;
}

export interface LiveEventsOptions {
  source: StreamSource;
  target: LiveTarget;
  /** How many events are kept (`thingsStack.events.bufferSize`, checked: see bufferSize.ts). */
  capacity?: unknown;
  maxUpdatesPerSecond?: number;
  backoffMs?: number[];
  onUpdate(snapshot: LiveSnapshot): void;
  log?: CoreLogger;
  now?: () => number;
}

interface Entry {
  raw: TtsEvent;
  summary: EventSummary;
}

export class LiveEvents {
  private readonly buffer: RingBuffer<Entry>;
  private readonly seen = new Set<string>();
  /** Arrivals per second (epoch second → count) for the rate; at most RATE_WINDOW + 1 entries. */
  private readonly arrivals = new Map<number, number>();
  private readonly seenCap: number;
  private controller: AbortController | undefined;
  private state: LiveState = 'stopped';
  private paused = false;
  private filter: LiveFilter = {};
  private received = 0;
  private reconnects = 0;
  private lastTime: string | undefined;
  private lastTimeMs = -Infinity;
  private error: string | undefined;
  private readonly updates: Throttle;
  private readonly now: () => number;
  /** Why the configured buffer size was not used, if it was not (the caller shows it). */
  readonly capacityProblem: string | undefined;
  constructor(private readonly options: LiveEventsOptions) {
    const { size, problem } = checkBufferSize(options.capacity);
    this.capacityProblem = problem;
    if (problem) {
      options.log?.warn(problem);
    }
    this.buffer = new RingBuffer<Entry>(size);
    this.now = options.now ?? Date.now;
    this.updates = new Throttle(
      () => this.options.onUpdate(this.snapshot()),
      1000 / (options.maxUpdatesPerSecond ?? 10),
      this.now,
    );
    // Big enough to cover what a resume with the overlap below can resend, even at thousands of events a second.
    this.seenCap = Math.max(4 * this.buffer.capacity, 10_000);
  }

  start(): Promise<void> {
    if (this.controller) {
      return Promise.resolve();
    }
    this.controller = new AbortController();
    this.error = undefined;
    return this.run(this.controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.setState('stopped');
  }

  pause(): void {
    this.paused = true;
    this.schedule(true);
  }

  resume(): void {
    this.paused = false;
    this.schedule(true);
  }

  clear(): void {
    this.buffer.clear();
    this.schedule(true);
  }

  setFilter(filter: LiveFilter): void {
    this.filter = filter;
    this.schedule(true);
  }

  /** Raw events, oldest first, as they came (for export and the verbose view). */
  rawEvents(): TtsEvent[] {
    return this.buffer.toArray().map((e) => e.raw);
  }

  raw(id: string): TtsEvent | undefined {
    return this.buffer.newestFirst().find((e) => e.summary.id === id)?.raw;
  }

  /** `limit` caps the events returned (the panel renders a few hundred rows, not the whole buffer). */
  snapshot(limit = Infinity): LiveSnapshot {
    const matcher = nameMatcher(this.filter.name);
    const device = this.filter.device?.trim();
    const events: EventSummary[] = [];
    let matched = 0;
    for (const e of this.buffer.newestFirst()) {
      if (matcher(e.summary.name) && (!device || (e.summary.deviceId ?? '').includes(device))) {
        matched++;
        if (events.length < limit) {
          events.push(e.summary);
        }
      }
    }
    return {
      state: this.state,
      paused: this.paused,
      events,
      matched,
      buffered: this.buffer.size,
      received: this.received,
      evicted: this.buffer.evicted,
      rate: this.rate(),
      reconnects: this.reconnects,
      error: this.error,
    };
  }

  /** Events per second over the last RATE_WINDOW full seconds. */
  rate(): number {
    const second = Math.floor(this.now() / 1000);
    let total = 0;
    for (const [s, count] of this.arrivals) {
      if (s < second - RATE_WINDOW) {
        this.arrivals.delete(s);
      } else if (s < second) {
        total += count;
      }
    }
    return Math.round(total / RATE_WINDOW);
  }

  get isRunning(): boolean {
    return this.controller !== undefined;
  }

  private request(): StreamEventsRequest {
    const { applicationId, deviceId } = this.options.target;
    const identifiers = deviceId
      ? [{ device_ids: { device_id: deviceId, application_ids: { application_id: applicationId } } }]
      : [{ application_ids: { application_id: applicationId } }];
    // Resume a little before the last event seen: events stamped in the same instant (or slightly out of order)
    // that had not arrived yet would otherwise be lost; what is resent twice is dropped by unique_id.
    return this.lastTime
      ? { identifiers, after: new Date(this.lastTimeMs - RESUME_OVERLAP_MS).toISOString() }
      : { identifiers };
  }

  private async run(signal: AbortSignal): Promise<void> {
    const backoff = this.options.backoffMs ?? [500, 1000, 2000, 5000, 10000, 30000];
    let failures = 0;
    while (!signal.aborted) {
      this.setState(this.received || failures ? 'reconnecting' : 'connecting');
      try {
        for await (const event of this.options.source.stream(this.request(), signal)) {
          if (event.name === STREAM_START) {
            this.setState('live');
            failures = 0;
            continue;
          }
          this.add(event);
        }
      } catch (error) {
        if (signal.aborted || isCancellation(error)) {
          break;
        }
        if (error instanceof TtsError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          this.error = error.userMessage;
          this.options.log?.warn(`Live events for ${this.options.target.applicationId} stopped: ${error.message}`);
          this.controller = undefined;
          this.setState('stopped');
          return;
        }
        this.options.log?.debug(`Live events stream dropped (${errorMessage(error)}); reconnecting.`);
      }
      if (signal.aborted) {
        break;
      }
      this.reconnects++;
      const wait = backoff[Math.min(failures, backoff.length - 1)];
      failures++;
      this.setState('reconnecting');
      try {
        await abortableSleep(wait, signal);
      } catch {
        break;
      }
    }
  }

  private add(event: TtsEvent): void {
    const id = event.unique_id ?? `${event.time ?? ''}|${event.name ?? ''}|${this.received}`;
    if (event.unique_id) {
      if (this.seen.has(id)) {
        return; // resent after a reconnect with `after`
      }
      this.seen.add(id);
      if (this.seen.size > this.seenCap) {
        this.seen.delete(this.seen.values().next().value as string);
      }
    }
    this.received++;
    const second = Math.floor(this.now() / 1000);
    this.arrivals.set(second, (this.arrivals.get(second) ?? 0) + 1);
    const time = event.time ? Date.parse(event.time) : NaN;
    // Compare instants, not strings: TTS writes a varying number of fractional digits.
    if (!Number.isNaN(time) && time > this.lastTimeMs) {
      this.lastTime = event.time;
      this.lastTimeMs = time;
    }
    this.buffer.push({ raw: event, summary: summarise(event, id) });
    this.schedule();
  }

  private setState(state: LiveState): void {
    if (this.state !== state) {
      this.state = state;
      this.schedule(true);
    }
  }

  /** The next UI update (throttled). New events do not update a paused view; a change the user or the connection makes (`always`) does. */
  private schedule(always = false): void {
    if (always || !this.paused) {
      this.updates.request();
    }
  }
}
