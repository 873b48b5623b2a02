// What the events panel shows of one TTS event: name, time, device, and for uplinks the decoded payload, port and
// the best gateway's RSSI/SNR. Read defensively: event data is an `Any` whose shape depends on its @type.
import type { TtsEvent } from '../tts/types';

export interface EventSummary {
  id: string;
  name: string;
  time: string;
  deviceId?: string;
  fPort?: number;
  payload?: unknown;
  rssi?: number;
  snr?: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function summarise(event: TtsEvent, fallbackId: string): EventSummary {
  const data = obj(event.data);
  const ids = (event.identifiers ?? [])
    .map((i) => obj(i)?.device_ids)
    .map(obj)
    .find((d) => d);
  const deviceId =
    (ids?.device_id as string | undefined) ?? (obj(obj(data?.end_device_ids))?.device_id as string | undefined);
  const summary: EventSummary = {
    id: event.unique_id ?? fallbackId,
    name: event.name ?? '(unnamed)',
    time: event.time ?? new Date().toISOString(),
    deviceId,
  };
  const uplink = obj(data?.uplink_message);
  if (uplink) {
    summary.fPort = num(uplink.f_port);
    summary.payload = uplink.decoded_payload;
    const metadata = Array.isArray(uplink.rx_metadata)
      ? uplink.rx_metadata.map(obj).filter((m): m is Json => m !== undefined)
      : [];
    const best = metadata.reduce<Json | undefined>(
      (a, m) => ((num(m.rssi) ?? -Infinity) > (num(a?.rssi) ?? -Infinity) ? m : a),
      undefined,
    );
    summary.rssi = num(best?.rssi);
    summary.snr = num(best?.snr);
  }
  return summary;
}
