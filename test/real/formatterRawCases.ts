// Requests on the Application Server's link and devices that test:real sends to the real TTS and to the test server
// (formatterParity.real.ts), and their answers without what differs by nature.
import type { TtsClient } from '../../src/tts/client';
import { TtsError } from '../../src/tts/errors';

export interface RawCase {
  name: string;
  method: string;
  path: (app: string, dev: string) => string;
  body?: (app: string, dev: string) => unknown;
}

const linkPut = (paths: string[], defaults: Record<string, unknown>) => () => ({
  link: { default_formatters: defaults },
  field_mask: { paths },
});
const devicePut = (paths: string[], device: Record<string, unknown>) => (app: string, dev: string) => ({
  end_device: { ids: { device_id: dev, application_ids: { application_id: app } }, ...device },
  field_mask: { paths },
});
const UP = ['default_formatters.up_formatter', 'default_formatters.up_formatter_parameter'];
const link =
  (query = '') =>
  (app: string) =>
    `/as/applications/${app}/link${query}`;
const asDevice =
  (query = '') =>
  (app: string, dev: string) =>
    `/as/applications/${app}/devices/${dev}${query}`;
export const SETTINGS = { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } }, frequency: '868100000' };
const upDecode = (uplink: unknown) => (app: string, dev: string) => ({
  end_device_ids: { device_id: dev, application_ids: { application_id: app } },
  uplink,
  formatter: 'FORMATTER_CAYENNELPP',
});

/** Requests in order, on an application without a link and a device the AS does not have; answers compared raw. */
export const RAW_CASES: RawCase[] = [
  { name: 'GET link before any', method: 'GET', path: link('?field_mask=default_formatters') },
  { name: 'PUT link, empty mask', method: 'PUT', path: link(), body: linkPut([], {}) },
  { name: 'GET link after an empty PUT', method: 'GET', path: link('?field_mask=default_formatters') },
  {
    name: 'PUT link, up sub-paths',
    method: 'PUT',
    path: link(),
    body: linkPut(UP, { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: 'var a;' }),
  },
  {
    name: 'PUT link, down sub-path',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters.down_formatter'], { down_formatter: 'FORMATTER_CAYENNELPP' }),
  },
  { name: 'GET link without a mask', method: 'GET', path: link() },
  { name: 'GET link, one sub-path', method: 'GET', path: link('?field_mask=default_formatters.up_formatter') },
  {
    name: 'PUT link, up NONE',
    method: 'PUT',
    path: link(),
    body: linkPut(UP, { up_formatter: 'FORMATTER_NONE' }),
  },
  {
    name: 'PUT link, whole default_formatters',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters'], { up_formatter: 'FORMATTER_CAYENNELPP' }),
  },
  {
    name: 'PUT link, unknown path',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters.foo'], {}),
  },
  { name: 'GET link, unknown path', method: 'GET', path: link('?field_mask=foo') },
  {
    name: 'PUT link, 40961 characters',
    method: 'PUT',
    path: link(),
    body: linkPut(UP, { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: '/'.repeat(40961) }),
  },
  {
    name: 'PUT link, 40962 bytes',
    method: 'PUT',
    path: link(),
    body: linkPut(['default_formatters'], { down_formatter_parameter: 'é'.repeat(20481) }),
  },
  { name: 'DELETE link', method: 'DELETE', path: link() },
  { name: 'DELETE link again', method: 'DELETE', path: link() },
  { name: 'GET link after DELETE', method: 'GET', path: link('?field_mask=default_formatters') },
  { name: 'GET AS device unknown', method: 'GET', path: asDevice('?field_mask=formatters') },
  {
    name: 'PUT AS device, up NONE',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['formatters.up_formatter', 'formatters.up_formatter_parameter'], {
      formatters: { up_formatter: 'FORMATTER_NONE' },
    }),
  },
  { name: 'GET AS device', method: 'GET', path: asDevice('?field_mask=formatters,version_ids') },
  {
    name: 'PUT AS device, empty mask',
    method: 'PUT',
    path: asDevice(),
    body: devicePut([], { formatters: { up_formatter: 'FORMATTER_CAYENNELPP' } }),
  },
  {
    name: 'PUT AS device, bad brand',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['version_ids'], { version_ids: { brand_id: 'b', model_id: 'model-ok' } }), // with both bad, either may be named
  },
  {
    name: 'PUT AS device, unknown path',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['formatters.foo'], {}),
  },
  {
    name: 'PUT AS device, 40962 bytes',
    method: 'PUT',
    path: asDevice(),
    body: devicePut(['formatters'], { formatters: { up_formatter_parameter: 'é'.repeat(20481) } }),
  },
  { name: 'DELETE AS device', method: 'DELETE', path: asDevice() },
  { name: 'DELETE AS device again', method: 'DELETE', path: asDevice() },
  {
    name: 'up/decode without settings',
    method: 'POST',
    path: asDevice('/up/decode'),
    body: upDecode({ f_port: 1, frm_payload: 'AWcA/w==' }),
  },
  {
    name: 'up/decode without a frequency',
    method: 'POST',
    path: asDevice('/up/decode'),
    body: upDecode({ f_port: 1, frm_payload: 'AWcA/w==', settings: { data_rate: SETTINGS.data_rate } }),
  },
  {
    name: 'up/decode with FPort 300',
    method: 'POST',
    path: asDevice('/up/decode'),
    body: upDecode({ f_port: 300, frm_payload: 'AWcA/w==', settings: SETTINGS }),
  },
  { name: 'up/decode without an uplink', method: 'POST', path: asDevice('/up/decode'), body: upDecode(undefined) },
  {
    name: 'down/encode without a payload',
    method: 'POST',
    path: asDevice('/down/encode'),
    body: (app, dev) => ({
      end_device_ids: { device_id: dev, application_ids: { application_id: app } },
      downlink: { f_port: 2 },
      formatter: 'FORMATTER_JAVASCRIPT',
      parameter: 'function encodeDownlink() { return { bytes: [1] }; }',
    }),
  },
];

/**
 * An answer without what differs by nature (IDs, times, correlation IDs; the application ID inside texts becomes
 * `<app>`); an error as its status and cause chain.
 */
export async function rawOutcome(api: TtsClient, c: RawCase, app: string, dev: string): Promise<unknown> {
  const outcome = await rawAnswer(api, c, app, dev);
  return JSON.parse(JSON.stringify(outcome).split(app).join('<app>')) as unknown;
}

async function rawAnswer(api: TtsClient, c: RawCase, app: string, dev: string): Promise<unknown> {
  try {
    const { status, data } = await api.http.request<Record<string, unknown>>(c.method, c.path(app, dev), {
      body: c.body?.(app, dev),
    });
    const body = Object.fromEntries(
      Object.entries(data).filter(([key]) => !['ids', 'created_at', 'updated_at'].includes(key)),
    );
    return { status, body };
  } catch (error) {
    if (!(error instanceof TtsError)) {
      throw error;
    }
    const causes: unknown[] = [];
    for (let d = error.ttsCause; d; d = d.cause) {
      causes.push({ name: `${d.namespace}:${d.name}`, attributes: d.attributes });
    }
    return { status: error.status, error: error.id, attributes: error.attributes, causes };
  }
}
