// The Application Server's formatter storage (../shared/real-tts/README.md "(1) Payload formatters"): the link with
// the application's default formatters (GET/PUT/DELETE) and the AS end device with its own `formatters` and
// `version_ids` (GET/PUT/DELETE), as v3.32.1 answers them.
import type { ApplicationLink, EndDevice } from '../../../src/tts/types';
import type { ServerState } from './state';
import {
  AS_DEVICE_PATHS,
  asJson,
  checkFormatterSizes,
  checkVersionIds,
  LINK_PATHS,
  pickPaths,
  redisNotFound,
  setPaths,
  validatePaths,
} from './asStore';
import { requireRights } from './auth';
import { TtsError } from './errors';
import { maskPaths } from './fieldMask';
import { field, isObject, ok, queryList, type Ctx, type Reply, type Route } from './http';
import { iso } from './state';

const LINK = '/as/applications/{application_ids.application_id}/link';
const DEVICE = '/as/applications/{end_device_ids.application_ids.application_id}/devices/{end_device_ids.device_id}';
const DEVICE_SET =
  '/as/applications/{end_device.ids.application_ids.application_id}/devices/{end_device.ids.device_id}';

function getLink(ctx: Ctx): Reply {
  const appId = ctx.params['application_ids.application_id'];
  const paths = queryList(ctx.query, 'field_mask');
  validatePaths(paths, LINK_PATHS);
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_SETTINGS_BASIC');
  const link = ctx.server.state.links.get(appId);
  if (!link) {
    throw redisNotFound();
  }
  // Without a field mask the answer is `{}`: only what the mask names comes back.
  return ok(asJson(pickPaths(link as Record<string, unknown>, paths)));
}

function setLink(ctx: Ctx): Reply {
  const appId = ctx.params['application_ids.application_id'];
  const paths = maskPaths(isObject(ctx.body) ? ctx.body.field_mask : undefined);
  validatePaths(paths, LINK_PATHS);
  const sent = field(ctx.body, 'link');
  checkFormatterSizes(
    paths,
    sent.default_formatters,
    'default_formatters',
    { field: 'link', name: 'SetApplicationLinkRequestValidationError' },
    { field: 'default_formatters', name: 'ApplicationLinkValidationError' },
  );
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_SETTINGS_BASIC');
  const links = ctx.server.state.links;
  const stored = links.get(appId);
  if (paths.length === 0) {
    // Nothing to set: the stored link as it is, and no link is created.
    return ok(asJson(stored ?? {}));
  }
  const updated = structuredClone(stored ?? {}) as Record<string, unknown>;
  setPaths(updated, sent, paths);
  links.set(appId, updated as ApplicationLink);
  // The answer carries every top-level field of the link (ApplicationLinkFieldPathsTopLevel), not just the mask.
  return ok(asJson(updated));
}

function deleteLink(ctx: Ctx): Reply {
  const appId = ctx.params.application_id;
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_SETTINGS_BASIC');
  ctx.server.state.links.delete(appId);
  return ok({});
}

const BASE = ['ids', 'created_at', 'updated_at'];

function getDevice(ctx: Ctx): Reply {
  const appId = ctx.params['end_device_ids.application_ids.application_id'];
  const deviceId = ctx.params['end_device_ids.device_id'];
  const paths = queryList(ctx.query, 'field_mask');
  validatePaths(paths, AS_DEVICE_PATHS);
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_DEVICES_READ');
  const device = ctx.server.state.asDevices.get(appId)?.get(deviceId);
  if (!device) {
    throw redisNotFound();
  }
  return ok(asJson(pickPaths(device as Record<string, unknown>, [...BASE, ...paths])));
}

function setDevice(ctx: Ctx): Reply {
  const appId = ctx.params['end_device.ids.application_ids.application_id'];
  const deviceId = ctx.params['end_device.ids.device_id'];
  const paths = maskPaths(isObject(ctx.body) ? ctx.body.field_mask : undefined);
  validatePaths(
    paths,
    AS_DEVICE_PATHS.filter((p) => p !== 'created_at' && p !== 'updated_at'),
  );
  const sent = field(ctx.body, 'end_device');
  const request = { field: 'end_device', name: 'SetEndDeviceRequestValidationError' };
  if (paths.some((p) => p === 'version_ids' || p.startsWith('version_ids.'))) {
    checkVersionIds(sent.version_ids, [request, { field: 'version_ids', name: 'EndDeviceValidationError' }]);
  }
  checkFormatterSizes(paths, sent.formatters, 'formatters', request, {
    field: 'formatters',
    name: 'EndDeviceValidationError',
  });
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_DEVICES_WRITE');
  // The AS does not ask the Identity Server: a device it has never seen is created (README "(2) End devices").
  const now = iso(ctx.server.clock.now());
  const device = asDevice(ctx.server.state, appId, deviceId, now);
  setPaths(device as Record<string, unknown>, sent, paths);
  device.updated_at = now;
  // The answer carries only the masked fields (the AS's gets are the request's paths).
  return ok(asJson(pickPaths(device as Record<string, unknown>, [...BASE, ...paths])));
}

function deleteDevice(ctx: Ctx): Reply {
  const appId = ctx.params['application_ids.application_id'];
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_DEVICES_WRITE');
  const deviceId = ctx.params.device_id;
  if (!ctx.server.state.asDevices.get(appId)?.delete(deviceId)) {
    // Not pkg/redis:not_found here: the AS's delete names the device.
    throw new TtsError(5, 'pkg/applicationserver', 'device_not_found', 'device `{device_uid}` not found', {
      device_uid: `${appId}.${deviceId}`,
    });
  }
  return ok({});
}

export const formatterStoreRoutes: Route[] = [
  { method: 'GET', template: LINK, handler: getLink },
  { method: 'PUT', template: LINK, handler: setLink },
  { method: 'DELETE', template: '/as/applications/{application_id}/link', handler: deleteLink },
  { method: 'GET', template: DEVICE, handler: getDevice },
  { method: 'PUT', template: DEVICE_SET, handler: setDevice },
  {
    method: 'DELETE',
    template: '/as/applications/{application_ids.application_id}/devices/{device_id}',
    handler: deleteDevice,
  },
];

/** The AS end device, created when missing (by a PUT, or by the seeder). */
export function asDevice(state: ServerState, appId: string, deviceId: string, now: string): EndDevice {
  let devices = state.asDevices.get(appId);
  if (!devices) {
    devices = new Map();
    state.asDevices.set(appId, devices);
  }
  let device = devices.get(deviceId);
  if (!device) {
    const known = state.devices.get(appId)?.get(deviceId)?.ids;
    device = {
      ids: {
        device_id: deviceId,
        application_ids: { application_id: appId },
        dev_eui: known?.dev_eui,
        join_eui: known?.join_eui,
      },
      created_at: now,
      updated_at: now,
    };
    devices.set(deviceId, device);
  }
  return device;
}
