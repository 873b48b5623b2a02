// Application nodes and their children: API keys, end devices.
import vscode = require('vscode');
import { expiryText } from '../../entityNodes';
import type { ApiKeyNode, ApiKeysNode, ApplicationNode, DeviceNode, DevicesNode } from '../../nodeTypes';
import { esc, icon, item, markdown } from './shared';

export function applicationItem(node: ApplicationNode): vscode.TreeItem {
  const a = node.application;
  const out = item(node, icon(node.deleted ? 'trash' : 'package'));
  out.tooltip = markdown([
    `$(package) **${esc(a.name || node.applicationId)}** — \`${node.applicationId}\``,
    a.description && esc(a.description),
    node.deleted && 'Deleted: restore it within 24 hours, or purge it (administrators).',
  ]);
  return out;
}

export function apiKeysItem(node: ApiKeysNode): vscode.TreeItem {
  return item(node, icon('key'));
}

export function apiKeyItem(node: ApiKeyNode): vscode.TreeItem {
  const k = node.key;
  const expiry = expiryText(k.expires_at);
  const out = item(node, icon('key', expiry.startsWith('expired') ? 'list.errorForeground' : undefined));
  out.tooltip = markdown([
    `**${esc(k.name || '(no name)')}** — \`${k.id ?? ''}\``,
    `Rights: ${(k.rights ?? []).map((r) => `\`${r}\``).join(', ') || 'none'}`,
    `Created ${k.created_at ?? '?'}; ${expiry}.`,
  ]);
  return out;
}

export function devicesItem(node: DevicesNode): vscode.TreeItem {
  return item(node, icon('circuit-board'));
}

export function deviceItem(node: DeviceNode): vscode.TreeItem {
  const d = node.device;
  const id = d.ids?.device_id ?? '?';
  const out = item(node, icon('chip'));
  out.tooltip = markdown([
    `**${esc(d.name || id)}** — \`${id}\``,
    d.description && esc(d.description),
    d.ids?.dev_eui && `DevEUI \`${d.ids.dev_eui}\``,
    d.ids?.join_eui && `JoinEUI \`${d.ids.join_eui}\``,
  ]);
  return out;
}
