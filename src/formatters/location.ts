// Where a deployed formatter lives (deployment, application, optional device, direction), as the path of its
// document: `/<deployment>/<application>/uplink.js` or `/<deployment>/<application>/devices/<device>/downlink.js`.
// The name ends in .js so the editor applies the JavaScript language. Pure, no vscode.
import type { Direction } from '../tts/formatters';
import type { FormatterLink } from './syncState';

export interface FormatterLocation {
  deploymentKey: string;
  applicationId: string;
  deviceId?: string;
  direction: Direction;
}

export const FILE_NAMES: Record<Direction, string> = { up: 'uplink.js', down: 'downlink.js' };

const ID = /^[a-z0-9](?:-?[a-z0-9])+$/;

export function formatterPath(location: FormatterLocation): string {
  const device = location.deviceId === undefined ? '' : `/devices/${location.deviceId}`;
  return `/${keySegment(location.deploymentKey)}/${location.applicationId}${device}/${FILE_NAMES[location.direction]}`;
}

/**
 * The deployment key as one path segment that reads as typed in breadcrumbs and tab titles (`[::1]:1885`, not
 * `%5B%3A%3A1%5D%3A1885`): only `%` and the `/` of a path prefix are escaped. decodeURIComponent reads both this and
 * the fully escaped form of editors a window restores from before.
 */
function keySegment(key: string): string {
  return key.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** The location a document path names, or undefined when it names none (a folder, a mistyped path). */
export function parseFormatterPath(path: string): FormatterLocation | undefined {
  const parts = path.split('/').slice(1);
  const file = parts.pop();
  const direction = file === FILE_NAMES.up ? 'up' : file === FILE_NAMES.down ? 'down' : undefined;
  if (!direction) {
    return undefined;
  }
  let deploymentKey: string;
  try {
    deploymentKey = decodeURIComponent(parts[0] ?? '');
  } catch {
    return undefined;
  }
  const [applicationId, devices, deviceId, ...rest] = parts.slice(1);
  if (!deploymentKey || !ID.test(applicationId ?? '') || rest.length > 0) {
    return undefined;
  }
  if (devices === undefined) {
    return { deploymentKey, applicationId, direction };
  }
  return devices === 'devices' && ID.test(deviceId ?? '')
    ? { deploymentKey, applicationId, deviceId, direction }
    : undefined;
}

/** "the uplink formatter of end device dev-1 (application app-1)" / "… of application app-1". */
export function describeLocation(location: FormatterLocation): string {
  const what = `the ${location.direction === 'up' ? 'uplink' : 'downlink'} formatter of`;
  return location.deviceId === undefined
    ? `${what} application ${location.applicationId}`
    : `${what} end device ${location.deviceId} (application ${location.applicationId})`;
}

export function sameLocation(a: FormatterLocation, b: FormatterLocation): boolean {
  return (
    a.deploymentKey === b.deploymentKey &&
    a.applicationId === b.applicationId &&
    a.deviceId === b.deviceId &&
    a.direction === b.direction
  );
}

/** Where a linked workspace file's formatter is deployed. */
export function linkLocation(link: FormatterLink): FormatterLocation {
  return {
    deploymentKey: link.deployment,
    applicationId: link.applicationId,
    deviceId: link.deviceId,
    direction: link.direction,
  };
}

/** Where pulled formatters live in a workspace: `ttn/<app>/uplink.js`, `ttn/<app>/devices/<dev>/downlink.js`. */
const WORKSPACE_PATH =
  /^ttn\/([a-z0-9](?:-?[a-z0-9])+)\/(?:devices\/([a-z0-9](?:-?[a-z0-9])+)\/)?(uplink|downlink)\.js$/;

/** The application, device and direction a workspace path names by where it is, if it is a formatter path. */
export function parseWorkspacePath(path: string): Omit<FormatterLocation, 'deploymentKey'> | undefined {
  const m = WORKSPACE_PATH.exec(path);
  if (!m) {
    return undefined;
  }
  return {
    applicationId: m[1],
    ...(m[2] ? { deviceId: m[2] } : {}),
    direction: m[3] === 'uplink' ? 'up' : 'down',
  };
}

/**
 * Whether the formatter commands act on a workspace file (`path` relative to the workspace folder): one linked by
 * Pull to Workspace, or one at a formatter path. Menus offer them on exactly these files (the
 * `thingsStack.formatterFiles` context key, formatters/vscode/formatterFiles.ts).
 */
export function isFormatterFile(path: string, linked: boolean): boolean {
  return linked || parseWorkspacePath(path) !== undefined;
}
