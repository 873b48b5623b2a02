// Application nodes and their children: API keys, end devices.
import vscode = require('vscode');
import { expiryText } from '../../entityNodes';
import type { ApiKeyNode, ApiKeysNode, ApplicationNode, DeviceNode, DevicesNode } from '../../nodeTypes';
import { Collapsed, None, count, esc, icon, item, markdown } from './shared';

export function applicationItem(node: ApplicationNode): vscode.TreeItem {
  const a = node.application;
  const out = item(
    node,
    a.name || node.applicationId,
    node.deleted ? None : Collapsed,
    icon(node.deleted ? 'trash' : 'package'),
  );
  out.description = [a.name ? node.applicationId : undefined, node.deleted ? 'deleted' : undefined]
    .filter(Boolean)
    .join(' · ');
  out.tooltip = markdown([
    `$(package) **${esc(a.name || node.applicationId)}** — \`${node.applicationId}\``,
    a.description && esc(a.description),
    node.deleted && 'Deleted: restore it within 24 hours, or purge it (administrators).',
  ]);
  return out;
}

export function apiKeysItem(node: ApiKeysNode): vscode.TreeItem {
  const out = item(node, 'API Keys', Collapsed, icon('key'));
  out.description = count(node.total, 'key');
  return out;
}

export function apiKeyItem(node: ApiKeyNode): vscode.TreeItem {
  const k = node.key;
  const expiry = expiryText(k.expires_at);
  const expired = expiry.startsWith('expired');
  const rights = k.rights ?? [];
  const out = item(node, k.name || k.id || '?', None, icon('key', expired ? 'list.errorForeground' : undefined));
  out.description = `${rights.length} right${rights.length === 1 ? '' : 's'} · ${expiry}`;
  out.tooltip = markdown([
    `**${esc(k.name || '(no name)')}** — \`${k.id ?? ''}\``,
    `Rights: ${rights.map((r) => `\`${r}\``).join(', ') || 'none'}`,
    `Created ${k.created_at ?? '?'}; ${expiry}.`,
  ]);
  return out;
}

export function devicesItem(node: DevicesNode): vscode.TreeItem {
  const out = item(node, 'End Devices', Collapsed, icon('circuit-board'));
  out.description = count(node.total, 'device');
  return out;
}

export function deviceItem(node: DeviceNode): vscode.TreeItem {
  const d = node.device;
  const id = d.ids?.device_id ?? '?';
  const out = item(node, id, Collapsed, icon('chip'));
  out.description = d.ids?.dev_eui ? `DevEUI ${d.ids.dev_eui}` : d.name;
  out.tooltip = markdown([
    `**${esc(d.name || id)}** — \`${id}\``,
    d.description && esc(d.description),
    d.ids?.dev_eui && `DevEUI \`${d.ids.dev_eui}\``,
    d.ids?.join_eui && `JoinEUI \`${d.ids.join_eui}\``,
  ]);
  return out;
}
