// A workspace file linked to a deployed formatter ("Pull to Workspace", "Deploy from File"): where it goes and
// whether it is in sync with what the server holds.
import { createHash } from 'node:crypto';
import type { Direction } from '../tts/formatters';
import { withoutEditorTypes } from './editorTypes';

export interface FormatterLink {
  deployment: string;
  applicationId: string;
  deviceId?: string;
  direction: Direction;
  /** contentHash of the script as last pulled or deployed. */
  deployedHash: string;
}

export type SyncState = 'in-sync' | 'changed-locally' | 'changed-on-server' | 'both-changed';

/**
 * sha256 (hex) of the script a text stands for: line endings normalised to \n (a CRLF checkout is not a change) and
 * without the editor's types lines (editorTypes.ts).
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(withoutEditorTypes(text).replace(/\r\n?/g, '\n'), 'utf8').digest('hex');
}

/**
 * Compares the file and the server with the last deployed state. `server` undefined means the server no longer has
 * a JavaScript formatter there (removed, or another type): a change on the server. When both changed to the same
 * text, they are in sync again.
 */
export function syncState(link: FormatterLink, local: string, server: string | undefined): SyncState {
  const localHash = contentHash(local);
  const serverHash = server === undefined ? undefined : contentHash(server);
  if (localHash === serverHash) {
    return 'in-sync';
  }
  const localChanged = localHash !== link.deployedHash;
  const serverChanged = serverHash !== link.deployedHash;
  if (localChanged && serverChanged) {
    return 'both-changed';
  }
  if (localChanged) {
    return 'changed-locally';
  }
  return serverChanged ? 'changed-on-server' : 'in-sync';
}

/** TTS identifiers (pkg/ttnpb ID pattern): lowercase letters and digits, single dashes inside. */
const ID = /^[a-z0-9](?:-?[a-z0-9])*$/;

/** Where "Pull to Workspace" puts a formatter: 'ttn/<app>/uplink.js' or 'ttn/<app>/devices/<dev>/uplink.js'. */
export function workspacePath(applicationId: string, direction: Direction, deviceId?: string): string {
  for (const [what, id] of [
    ['application', applicationId],
    ['device', deviceId],
  ] as const) {
    if (id !== undefined && !ID.test(id)) {
      throw new Error(`"${id}" is not a valid ${what} ID, so it cannot name a folder.`);
    }
  }
  const file = direction === 'up' ? 'uplink.js' : 'downlink.js';
  return deviceId === undefined ? `ttn/${applicationId}/${file}` : `ttn/${applicationId}/devices/${deviceId}/${file}`;
}
