// Payload formatters on the Application Server (v3.32.1): the application's defaults on the AS link, a device's own
// `formatters` on the AS end device, and the test endpoints that run a formatter given in the request on the server's
// own JavaScript engine. What the real server does is in ../shared/real-tts/README.md "(1) Payload formatters".
//
// Facts this file relies on (seen on the real v3.32.1, see test/real/formatters.real.ts):
// - GET link needs `field_mask=default_formatters` (without it the answer is `{}`); no link yet → 404 pkg/redis:not_found.
// - PUT link accepts the sub-paths `default_formatters.up_formatter` / `…_parameter`, so one direction is written
//   without touching the other, and answers the whole link (all top-level fields).
// - PUT AS device with `formatters.up_formatter` / `…_parameter` answers only the masked fields.
// - A device whose `formatters` message exists (even `{}`, i.e. both NONE) overrides the application's defaults in
//   BOTH directions (applicationserver/payload.go: `if dev.Formatters != nil`); absent → the link's defaults.
import { Buffer } from 'node:buffer';
import { TtsError } from './errors';
import type { HttpClient } from './http';
import type {
  ApplicationDownlink,
  ApplicationLink,
  ApplicationUplink,
  EndDevice,
  EndDeviceVersionIdentifiers,
  MessagePayloadFormatters,
  PayloadFormatter,
} from './types';
import { checkStored } from './updateCheck';

export type FormatterType = NonNullable<PayloadFormatter>;
export type Direction = 'up' | 'down';
export interface Formatter {
  type: FormatterType;
  parameter?: string;
}
/**
 * One formatter per direction. From a get, both are set (FORMATTER_NONE when the server omits one); from
 * `setDevice` only the direction written (the AS echoes only the masked fields).
 */
export interface FormatterPair {
  up?: Formatter;
  down?: Formatter;
}
export interface DeviceFormatters {
  /** undefined: the device has no `formatters` of its own (or no AS entry), so the application's defaults apply. */
  formatters: FormatterPair | undefined;
  versionIds?: EndDeviceVersionIdentifiers;
  updatedAt?: string;
}
export interface UplinkTest {
  fPort: number;
  bytes: Uint8Array;
  type: FormatterType;
  parameter?: string;
  versionIds?: EndDeviceVersionIdentifiers;
}
export interface UplinkResult {
  decoded: Record<string, unknown>;
  warnings: string[];
  fPort: number;
}
export interface DownlinkEncodeTest {
  fPort: number;
  data: Record<string, unknown>;
  type: FormatterType;
  parameter?: string;
  versionIds?: EndDeviceVersionIdentifiers;
}
export interface DownlinkEncodeResult {
  bytes: Uint8Array;
  fPort: number;
  warnings: string[];
}
export interface DownlinkDecodeTest {
  fPort: number;
  bytes: Uint8Array;
  type: FormatterType;
  parameter?: string;
  versionIds?: EndDeviceVersionIdentifiers;
}

/**
 * up/decode requires `uplink.settings` with a data rate and a frequency ≥ 100000 Hz (else 400 pkg/errors:validation),
 * although no formatter sees them: a fixed, valid EU868 SF7BW125 setting is sent with every test.
 */
export const UPLINK_TEST_SETTINGS = {
  data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } },
  frequency: '868100000',
} as const;

/** The server's per-run limit for JavaScript formatters (pkg/scripting DefaultOptions.Timeout). */
export const SCRIPT_TIMEOUT_MS = 100;

const NOT_FOUND = 'pkg/redis:not_found';

function pairOf(message: MessagePayloadFormatters | undefined): FormatterPair | undefined {
  if (!message) {
    return undefined;
  }
  return { up: side(message, 'up'), down: side(message, 'down') };
}

function side(message: MessagePayloadFormatters, direction: Direction): Formatter {
  const type = message[`${direction}_formatter`] ?? 'FORMATTER_NONE';
  const parameter = message[`${direction}_formatter_parameter`];
  return parameter ? { type, parameter } : { type };
}

function written(direction: Direction, value: Formatter): MessagePayloadFormatters {
  return { [`${direction}_formatter`]: value.type, [`${direction}_formatter_parameter`]: value.parameter ?? '' };
}

/** What a stored value comes back as: FORMATTER_NONE is the enum's zero, which TTS leaves out. */
function asStored(message: MessagePayloadFormatters): MessagePayloadFormatters {
  return Object.fromEntries(Object.entries(message).filter(([, v]) => v !== 'FORMATTER_NONE'));
}

const deviceIds = (appId: string, deviceId: string) => ({
  device_id: deviceId,
  application_ids: { application_id: appId },
});

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string | undefined): Uint8Array => new Uint8Array(Buffer.from(text ?? '', 'base64'));

function uplinkResult(message: ApplicationUplink | ApplicationDownlink | undefined): UplinkResult {
  return {
    decoded: (message?.decoded_payload ?? {}) as Record<string, unknown>,
    warnings: message?.decoded_payload_warnings ?? [],
    fPort: message?.f_port ?? 0,
  };
}

export class FormattersApi {
  constructor(private readonly http: HttpClient) {}

  private appPath(appId: string): string {
    return `/as/applications/${encodeURIComponent(appId)}`;
  }

  private devicePath(appId: string, deviceId: string): string {
    return `${this.appPath(appId)}/devices/${encodeURIComponent(deviceId)}`;
  }

  /** Application defaults from the AS link; undefined when there is no link (real TTS: 404 pkg/redis:not_found). */
  async getApplication(appId: string, signal?: AbortSignal): Promise<FormatterPair | undefined> {
    try {
      const { data } = await this.http.request<ApplicationLink>('GET', `${this.appPath(appId)}/link`, {
        query: { field_mask: 'default_formatters' },
        signal,
      });
      return pairOf(data.default_formatters);
    } catch (error) {
      if (error instanceof TtsError && error.id === NOT_FOUND) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Writes only the given direction (field mask `default_formatters.<dir>_formatter` and `…_parameter`: the real
   * server accepts these sub-paths on the link, so the other direction is left as it is); returns what the server
   * stored (the link's answer carries all its fields). A parameter left out is stored as empty.
   */
  async setApplication(appId: string, direction: Direction, value: Formatter): Promise<FormatterPair | undefined> {
    const sent = { default_formatters: written(direction, value) };
    const paths = [`default_formatters.${direction}_formatter`, `default_formatters.${direction}_formatter_parameter`];
    const { data } = await this.http.request<ApplicationLink>('PUT', `${this.appPath(appId)}/link`, {
      body: { link: sent, field_mask: { paths } },
    });
    checkStored({ default_formatters: asStored(sent.default_formatters) }, data, paths);
    return pairOf(data.default_formatters ?? {});
  }

  /** The device's own formatters and version IDs on the AS; a device the AS does not have has none. */
  async getDevice(appId: string, deviceId: string, signal?: AbortSignal): Promise<DeviceFormatters> {
    try {
      const { data } = await this.http.request<EndDevice>('GET', this.devicePath(appId, deviceId), {
        query: { field_mask: 'formatters,version_ids' },
        signal,
      });
      return deviceFormatters(data, pairOf(data.formatters));
    } catch (error) {
      if (error instanceof TtsError && error.id === NOT_FOUND) {
        return { formatters: undefined };
      }
      throw error;
    }
  }

  /**
   * Writes only the given direction of the device's formatters (mask `formatters.<dir>_formatter` and
   * `…_parameter`). The AS answers only the masked fields, so the result's `formatters` holds just that direction;
   * note that from now on the device's formatters override the application's in both directions.
   */
  async setDevice(appId: string, deviceId: string, direction: Direction, value: Formatter): Promise<DeviceFormatters> {
    const sent = { formatters: written(direction, value) };
    const paths = [`formatters.${direction}_formatter`, `formatters.${direction}_formatter_parameter`];
    const { data } = await this.http.request<EndDevice>('PUT', this.devicePath(appId, deviceId), {
      body: { end_device: { ids: deviceIds(appId, deviceId), ...sent }, field_mask: { paths } },
    });
    checkStored({ formatters: asStored(sent.formatters) }, data, paths);
    return deviceFormatters(data, { [direction]: side(data.formatters ?? {}, direction) });
  }

  /** Runs `test.type` (with `test.parameter`) on the server as an uplink decoder: 1 request. */
  async decodeUplink(appId: string, deviceId: string, test: UplinkTest, signal?: AbortSignal): Promise<UplinkResult> {
    const { data } = await this.http.request<{ uplink?: ApplicationUplink }>(
      'POST',
      `${this.devicePath(appId, deviceId)}/up/decode`,
      {
        body: {
          ...testBody(appId, deviceId, test),
          uplink: { f_port: test.fPort, frm_payload: base64(test.bytes), settings: UPLINK_TEST_SETTINGS },
        },
        signal, // POST, never retried: a 504 script_timeout is the formatter's answer, not a passing fault
      },
    );
    return uplinkResult(data.uplink);
  }

  async encodeDownlink(
    appId: string,
    deviceId: string,
    test: DownlinkEncodeTest,
    signal?: AbortSignal,
  ): Promise<DownlinkEncodeResult> {
    const { data } = await this.http.request<{ downlink?: ApplicationDownlink }>(
      'POST',
      `${this.devicePath(appId, deviceId)}/down/encode`,
      {
        body: { ...testBody(appId, deviceId, test), downlink: { f_port: test.fPort, decoded_payload: test.data } },
        signal,
      },
    );
    return {
      bytes: fromBase64(data.downlink?.frm_payload),
      fPort: data.downlink?.f_port ?? 0,
      warnings: data.downlink?.decoded_payload_warnings ?? [],
    };
  }

  async decodeDownlink(
    appId: string,
    deviceId: string,
    test: DownlinkDecodeTest,
    signal?: AbortSignal,
  ): Promise<UplinkResult> {
    const { data } = await this.http.request<{ downlink?: ApplicationDownlink }>(
      'POST',
      `${this.devicePath(appId, deviceId)}/down/decode`,
      {
        body: { ...testBody(appId, deviceId, test), downlink: { f_port: test.fPort, frm_payload: base64(test.bytes) } },
        signal,
      },
    );
    return uplinkResult(data.downlink);
  }
}

function deviceFormatters(device: EndDevice, formatters: FormatterPair | undefined): DeviceFormatters {
  const out: DeviceFormatters = { formatters };
  if (device.version_ids && Object.keys(device.version_ids).length > 0) {
    out.versionIds = device.version_ids;
  }
  if (device.updated_at) {
    out.updatedAt = device.updated_at;
  }
  return out;
}

function testBody(
  appId: string,
  deviceId: string,
  test: { type: FormatterType; parameter?: string; versionIds?: EndDeviceVersionIdentifiers },
): Record<string, unknown> {
  const body: Record<string, unknown> = { end_device_ids: deviceIds(appId, deviceId), formatter: test.type };
  if (test.parameter !== undefined) {
    body.parameter = test.parameter;
  }
  if (test.versionIds) {
    body.version_ids = test.versionIds;
  }
  return body;
}
