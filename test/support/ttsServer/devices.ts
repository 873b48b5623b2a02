// End devices as the Identity Server lists them (§3): registry fields only, paged, ordered, masked.
import { APPLICATION_SPEC } from './applications';
import { requireRights } from './auth';
import { errors } from './errors';
import { applyMask, compact, DEVICE_FIELDS, maskPaths, validateMask } from './fieldMask';
import { ok, queryList, type Ctx, type Reply, type Route } from './http';
import { listReply, ordered, pageRequest } from './paging';
import { live } from './registry';

function readMask(ctx: Ctx): string[] {
  const paths = maskPaths(queryList(ctx.query, 'field_mask').join(','));
  validateMask(paths, DEVICE_FIELDS);
  return paths;
}

function list(ctx: Ctx): Reply {
  const appId = ctx.params['application_ids.application_id'];
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_DEVICES_READ');
  live(APPLICATION_SPEC, ctx.server.state, appId);
  const paths = readMask(ctx);
  const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
  const devices = ordered([...(ctx.server.state.devices.get(appId)?.values() ?? [])], ctx.query.get('order'), {
    device_id: (d) => d.ids?.device_id,
    join_eui: (d) => d.ids?.join_eui,
    dev_eui: (d) => d.ids?.dev_eui,
    name: (d) => d.name,
    description: (d) => d.description,
    created_at: (d) => d.created_at,
    last_seen_at: (d) => d.last_seen_at,
  });
  return listReply('end_devices', devices, page, (d) =>
    compact(applyMask(d, paths, ['ids', 'created_at', 'updated_at'])),
  );
}

function get(ctx: Ctx): Reply {
  const appId = ctx.params['end_device_ids.application_ids.application_id'];
  const deviceId = ctx.params['end_device_ids.device_id'];
  requireRights(ctx.caller(), { kind: 'application', id: appId }, 'RIGHT_APPLICATION_DEVICES_READ');
  const paths = readMask(ctx);
  const device = ctx.server.state.devices.get(appId)?.get(deviceId);
  if (!device) {
    throw errors.notFound('end_device', deviceId);
  }
  return ok(compact(applyMask(device, paths, ['ids', 'created_at', 'updated_at'])));
}

export const deviceRoutes: Route[] = [
  { method: 'GET', template: '/applications/{application_ids.application_id}/devices', handler: list },
  {
    method: 'GET',
    template: '/applications/{end_device_ids.application_ids.application_id}/devices/{end_device_ids.device_id}',
    handler: get,
  },
];
