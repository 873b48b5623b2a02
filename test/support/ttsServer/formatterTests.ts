// The AS test endpoints up/decode, down/encode, down/decode (right RIGHT_APPLICATION_TRAFFIC_READ): they run only the
// formatter in the body (never the device's or the application's), validate the request like v3.32.1 (uplink
// settings required, f_port ≤ 255), and answer the message with the result, or the formatter's error.
import { checkVersionIds } from './asStore';
import { requireRights } from './auth';
import { decodeLppDownlink, decodeLppUplink, encodeLppDownlink } from './cayenneLpp';
import { errors, TtsError } from './errors';
import { runDownlinkDecoder, runDownlinkEncoder, runUplinkDecoder } from './formatterScript';
import { field, isObject, ok, type Ctx, type Reply, type Route } from './http';

const BASE = '/as/applications/{end_device_ids.application_ids.application_id}/devices/{end_device_ids.device_id}';

type Kind = 'DecodeUplink' | 'EncodeDownlink' | 'DecodeDownlink';

const notConfigured = (formatter: string): TtsError =>
  new TtsError(9, 'pkg/messageprocessors', 'formatter_not_configured', 'formatter `{formatter}` is not configured', {
    formatter,
  });

/** Validation of the request message: `<message>` is required, then the rules of its fields. */
function validate(kind: Kind, body: Record<string, unknown>, message: 'uplink' | 'downlink'): Record<string, unknown> {
  const request = `${kind}RequestValidationError`;
  if (body.version_ids !== undefined) {
    checkVersionIds(body.version_ids, [{ field: 'version_ids', name: request }]);
  }
  if (!isObject(body[message])) {
    throw errors.validation(message, 'value is required', request);
  }
  const msg = body[message] as Record<string, unknown>;
  const messageName = message === 'uplink' ? 'ApplicationUplinkValidationError' : 'ApplicationDownlinkValidationError';
  const nested = (inner: TtsError): TtsError =>
    errors.validation(message, 'embedded message failed validation', request, inner);
  if (typeof msg.f_port === 'number' && msg.f_port > 255) {
    throw nested(errors.validation('f_port', 'value must be less than or equal to 255', messageName));
  }
  if (message === 'uplink') {
    const settings = msg.settings;
    if (!isObject(settings)) {
      throw nested(errors.validation('settings', 'value is required', messageName));
    }
    const inSettings = (inner: TtsError): TtsError =>
      nested(errors.validation('settings', 'embedded message failed validation', messageName, inner));
    if (!isObject(settings.data_rate)) {
      throw inSettings(errors.validation('data_rate', 'value is required', 'TxSettingsValidationError'));
    }
    if (!(Number(settings.frequency ?? 0) >= 100000)) {
      throw inSettings(
        errors.validation('frequency', 'value must be greater than or equal to 100000', 'TxSettingsValidationError'),
      );
    }
  }
  return msg;
}

const bytesOf = (base64: unknown): Uint8Array =>
  new Uint8Array(Buffer.from(typeof base64 === 'string' ? base64 : '', 'base64'));

/** Formatters the test server cannot run, answered like the real server answers them. */
function unsupported(formatter: string, body: Record<string, unknown>): TtsError {
  if (formatter === 'FORMATTER_REPOSITORY') {
    const versionIds = isObject(body.version_ids) ? body.version_ids : {};
    if (!versionIds.brand_id && !versionIds.model_id) {
      return new TtsError(
        3,
        'pkg/messageprocessors/devicerepository',
        'no_version_identifiers',
        'no version identifiers for device',
      );
    }
    // The test server has no Device Repository: every brand is unknown.
    return new TtsError(5, 'pkg/devicerepository/store/remote', 'brand_not_found', 'brand `{brand_id}` not found', {
      brand_id: String(versionIds.brand_id ?? ''),
    });
  }
  return notConfigured(formatter || 'FORMATTER_NONE');
}

function start(ctx: Ctx, kind: Kind, message: 'uplink' | 'downlink') {
  const appId = ctx.params['end_device_ids.application_ids.application_id'];
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_TRAFFIC_READ');
  const body = isObject(ctx.body) ? ctx.body : {};
  const msg = validate(kind, body, message);
  const formatter = typeof body.formatter === 'string' ? body.formatter : 'FORMATTER_NONE';
  const parameter = typeof body.parameter === 'string' ? body.parameter : '';
  const fPort = typeof msg.f_port === 'number' ? msg.f_port : 0;
  return { body, msg, formatter, parameter, fPort };
}

/** The message's own fields as the AS writes them (zero values left out); the decoded payload as it is. */
function answer(msg: Record<string, unknown>, result: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...msg, ...result })) {
    const zero = value === undefined || value === 0 || value === '' || value === false;
    if (!zero && !(Array.isArray(value) && value.length === 0)) {
      out[key] = value;
    }
  }
  return out;
}

const withResult = (
  msg: Record<string, unknown>,
  data: Record<string, unknown>,
  warnings: string[],
): Record<string, unknown> => answer(msg, { decoded_payload: data, decoded_payload_warnings: warnings });

function decodeUplink(ctx: Ctx): Reply {
  const { body, msg, formatter, parameter, fPort } = start(ctx, 'DecodeUplink', 'uplink');
  const bytes = bytesOf(msg.frm_payload);
  let result: { data: Record<string, unknown>; warnings: string[] };
  if (formatter === 'FORMATTER_JAVASCRIPT') {
    result = runUplinkDecoder(parameter, bytes, fPort);
  } else if (formatter === 'FORMATTER_CAYENNELPP') {
    result = { data: decodeLppUplink(bytes), warnings: [] };
  } else {
    throw unsupported(formatter, body);
  }
  return ok({ uplink: withResult(msg, result.data, result.warnings) });
}

function encodeDownlink(ctx: Ctx): Reply {
  const { body, msg, formatter, parameter, fPort } = start(ctx, 'EncodeDownlink', 'downlink');
  const data = field(msg, 'decoded_payload');
  if (!isObject(msg.decoded_payload)) {
    return ok({ downlink: answer(msg, {}) }); // nothing to encode: the downlink as it came
  }
  let bytes: Uint8Array | undefined;
  let outPort: number | undefined;
  let warnings: string[] = [];
  if (formatter === 'FORMATTER_JAVASCRIPT') {
    const out = runDownlinkEncoder(parameter, data, fPort);
    ({ bytes, warnings } = out);
    // The script's fPort wins; without one an unset f_port becomes 1 (and a script's 0 stays 0).
    outPort = out.fPort ?? (fPort === 0 ? 1 : fPort);
  } else if (formatter === 'FORMATTER_CAYENNELPP') {
    bytes = encodeLppDownlink(data);
    outPort = fPort;
  } else {
    throw unsupported(formatter, body);
  }
  const sortedData = Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  );
  return ok({
    downlink: answer(msg, {
      f_port: outPort,
      frm_payload: bytes ? Buffer.from(bytes).toString('base64') : undefined,
      decoded_payload: sortedData,
      decoded_payload_warnings: warnings,
    }),
  });
}

function decodeDownlink(ctx: Ctx): Reply {
  const { body, msg, formatter, parameter, fPort } = start(ctx, 'DecodeDownlink', 'downlink');
  const bytes = bytesOf(msg.frm_payload);
  let result: { data: Record<string, unknown>; warnings: string[] };
  if (formatter === 'FORMATTER_JAVASCRIPT') {
    result = runDownlinkDecoder(parameter, bytes, fPort);
  } else if (formatter === 'FORMATTER_CAYENNELPP') {
    result = { data: decodeLppDownlink(bytes), warnings: [] };
  } else {
    throw unsupported(formatter, body);
  }
  return ok({ downlink: withResult(msg, result.data, result.warnings) });
}

export const formatterTestRoutes: Route[] = [
  { method: 'POST', template: `${BASE}/up/decode`, handler: decodeUplink },
  { method: 'POST', template: `${BASE}/down/encode`, handler: encodeDownlink },
  { method: 'POST', template: `${BASE}/down/decode`, handler: decodeDownlink },
];
