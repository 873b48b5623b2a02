// The events stream (§8, Corrections 8): POST /api/v3/events answers 200 and then one `{"result": Event}` per
// message, delimited by `\n` (`\n\n` when Accept is exactly text/event-stream); the first is always a synthetic
// `events.stream.start`. Tests emit events, uplinks at a rate, and cut open streams.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { TtsEvent } from '../../../src/tts/types';
import type { Caller } from './auth';
import { errors } from './errors';
import { compact } from './fieldMask';
import { isObject, type Clock, type Ctx, type Reply } from './http';
import { expand } from './rights';
import { iso, type EntityRef, type ServerState } from './state';

type EntityIdentifiers = NonNullable<TtsEvent['identifiers']>[number];

interface Stream {
  res: ServerResponse;
  refs: EntityRef[];
  names: ((name: string) => boolean)[];
  caller: Caller;
  send(event: TtsEvent): void;
}

export interface UplinkOptions {
  /** Events per second; default 10. */
  rate?: number;
  count?: number;
  deviceId?: string;
}

const HISTORY = 1000;

/** The entity an identifier is about; devices count as their application. */
function refOf(ids: EntityIdentifiers): EntityRef | undefined {
  if (ids.application_ids?.application_id) {
    return { kind: 'application', id: ids.application_ids.application_id };
  }
  if (ids.device_ids?.application_ids?.application_id) {
    return { kind: 'application', id: ids.device_ids.application_ids.application_id };
  }
  if (ids.client_ids?.client_id) {
    return { kind: 'client', id: ids.client_ids.client_id };
  }
  if (ids.user_ids?.user_id) {
    return { kind: 'user', id: ids.user_ids.user_id };
  }
  if (ids.organization_ids?.organization_id) {
    return { kind: 'organization', id: ids.organization_ids.organization_id };
  }
  return undefined;
}

function nameMatcher(pattern: string): (name: string) => boolean {
  const regex = /^\/(.*)\/$/.exec(pattern);
  if (!regex) {
    return (name) => name === pattern;
  }
  try {
    const re = new RegExp(regex[1]);
    return (name) => re.test(name);
  } catch {
    throw errors.validation('names', `invalid regular expression ${pattern}`);
  }
}

export class EventHub {
  private readonly streams = new Set<Stream>();
  private readonly history: TtsEvent[] = [];
  /** Events emitted so far (for tests). */
  emitted = 0;

  constructor(
    private readonly clock: Clock,
    private readonly state: ServerState,
  ) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Publishes an event about an application (identifiers default to the application). */
  emit(appId: string, event: Partial<TtsEvent> & { name: string }): TtsEvent {
    const full: TtsEvent = {
      time: iso(this.clock.now()),
      identifiers: [{ application_ids: { application_id: appId } }],
      correlation_ids: [`test:event:${randomBytes(8).toString('hex')}`],
      origin: 'tts-test-server',
      unique_id: randomBytes(13).toString('hex').toUpperCase(),
      ...event,
    };
    this.history.push(full);
    if (this.history.length > HISTORY) {
      this.history.shift();
    }
    this.emitted++;
    for (const stream of this.streams) {
      if (this.visible(stream, full)) {
        stream.send(full);
      }
    }
    return full;
  }

  /** Emits `count` `as.up.data.forward` events at `rate` per second; resolves after the last. */
  emitUplinks(appId: string, options: UplinkOptions = {}): Promise<void> {
    const rate = options.rate ?? 10;
    const count = options.count ?? 1;
    const deviceId = options.deviceId ?? this.state.devices.get(appId)?.keys().next().value ?? 'device-1';
    const started = Date.now();
    let sent = 0;
    return new Promise((resolve) => {
      const tick = (): void => {
        const due = Math.min(count, Math.floor(((Date.now() - started) * rate) / 1000) + 1);
        while (sent < due) {
          this.emitUplink(appId, deviceId, ++sent);
        }
        if (sent >= count) {
          resolve();
        } else {
          setTimeout(tick, Math.max(1, Math.floor(1000 / rate)));
        }
      };
      tick();
    });
  }

  private emitUplink(appId: string, deviceId: string, fCnt: number): void {
    const device = this.state.devices.get(appId)?.get(deviceId);
    const deviceIds = {
      device_id: deviceId,
      application_ids: { application_id: appId },
      dev_eui: device?.ids?.dev_eui,
    };
    const now = iso(this.clock.now());
    this.emit(appId, {
      name: 'as.up.data.forward',
      identifiers: [{ device_ids: compact(deviceIds) as EntityIdentifiers['device_ids'] }],
      visibility: { rights: ['RIGHT_APPLICATION_TRAFFIC_READ'] },
      data: {
        '@type': 'type.googleapis.com/ttn.lorawan.v3.ApplicationUp',
        end_device_ids: compact(deviceIds),
        received_at: now,
        uplink_message: {
          f_port: 1,
          f_cnt: fCnt,
          frm_payload: Buffer.from([fCnt & 0xff, 0x2a]).toString('base64'),
          rx_metadata: [{ gateway_ids: { gateway_id: 'test-gateway' }, rssi: -80, snr: 7.5 }],
          settings: { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } }, frequency: '868100000' },
          received_at: now,
        },
      },
    });
  }

  /** Cuts every open stream (the client sees the connection drop). */
  dropStreams(): number {
    const count = this.streams.size;
    for (const stream of this.streams) {
      stream.res.socket?.destroy();
    }
    this.streams.clear();
    return count;
  }

  private visible(stream: Stream, event: TtsEvent): boolean {
    if (stream.names.length > 0 && !stream.names.some((match) => match(event.name ?? ''))) {
      return false;
    }
    const refs = (event.identifiers ?? []).map(refOf).filter((r): r is EntityRef => r !== undefined);
    const about = refs.filter((r) => stream.refs.some((s) => s.kind === r.kind && s.id === r.id));
    if (about.length === 0) {
      return false;
    }
    const needed = event.visibility?.rights ?? [];
    return (
      needed.length === 0 ||
      about.some((ref) => {
        const held = stream.caller.rightsOn(ref);
        return [...expand(needed)].some((r) => held.has(r));
      })
    );
  }

  /** `POST /events`. Errors thrown here reach the client as `{"error": …}` (the dispatcher wraps them). */
  handle(ctx: Ctx): Reply {
    const caller = ctx.caller();
    if (caller.kind === 'none') {
      throw errors.unauthenticated();
    }
    const body = isObject(ctx.body) ? ctx.body : {};
    const identifiers: unknown[] = Array.isArray(body.identifiers) ? body.identifiers : [];
    const refs = identifiers
      .filter(isObject)
      .map((ids) => refOf(ids as EntityIdentifiers))
      .filter((r): r is EntityRef => r !== undefined);
    if (refs.length === 0) {
      throw errors.noIdentifiers();
    }
    for (const ref of refs) {
      if (caller.rightsOn(ref).size === 0) {
        throw errors.noRights(ref.kind, ref.id, []); // rights.RequireAny
      }
    }
    const names: unknown[] = Array.isArray(body.names) ? body.names : [];
    const matchers = names.filter((n): n is string => typeof n === 'string').map(nameMatcher);
    const sse = ctx.headers.accept === 'text/event-stream';
    const tail = typeof body.tail === 'number' ? body.tail : 0;
    const after = typeof body.after === 'string' ? Date.parse(body.after) : NaN;
    return {
      status: 200,
      stream: (res, record) => {
        res.writeHead(200, {
          'Content-Type': sse ? 'text/event-stream' : 'application/json',
          'Cache-Control': 'no-cache',
        });
        const stream: Stream = {
          res,
          refs,
          names: matchers,
          caller,
          send: (event) => {
            if (res.destroyed || res.writableEnded) {
              return;
            }
            const message = { result: compact(event) };
            record(message);
            res.write(JSON.stringify(message) + (sse ? '\n\n' : '\n'));
          },
        };
        stream.send({
          name: 'events.stream.start',
          time: iso(this.clock.now()),
          identifiers: identifiers.filter(isObject) as EntityIdentifiers[],
          origin: 'tts-test-server',
          unique_id: randomBytes(13).toString('hex').toUpperCase(),
        });
        let past = this.history.filter(
          (e) => this.visible(stream, e) && (Number.isNaN(after) || Date.parse(e.time ?? '') > after),
        );
        if (tail > 0 || !Number.isNaN(after)) {
          past = tail > 0 ? past.slice(-tail) : past;
          past.forEach(stream.send);
        }
        this.streams.add(stream);
        res.on('close', () => this.streams.delete(stream));
        res.on('error', () => this.streams.delete(stream)); // the client went away mid-write
      },
    };
  }
}
