// OAuth client nodes and their property children: properties, redirect URI lists, the stored secret.
import vscode = require('vscode');
import { redirectUriWarning } from '../../../tts/ids';
import { stateLabel } from '../../entityNodes';
import type { ClientNode, PropertyNode, SecretNode, UriListNode, UriNode } from '../../nodeTypes';
import { esc, icon, item, markdown } from './shared';

const STATE_COLOR: Record<string, string | undefined> = {
  STATE_REQUESTED: 'list.warningForeground',
  STATE_REJECTED: 'list.errorForeground',
  STATE_FLAGGED: 'list.warningForeground',
  STATE_SUSPENDED: 'list.errorForeground',
};

export function clientItem(node: ClientNode): vscode.TreeItem {
  const c = node.client;
  const state = c.state ?? 'STATE_REQUESTED';
  // A state this version does not know (a newer server) gets the plain icon instead of breaking the tree.
  const out = item(node, node.deleted ? icon('trash') : icon('shield', STATE_COLOR[state]));
  out.tooltip = markdown([
    `$(shield) **${esc(c.name || node.clientId)}** — \`${node.clientId}\``,
    c.description && esc(c.description),
    `State: ${esc(stateLabel(state))}${c.state_description ? ` — ${esc(c.state_description)}` : ''}`,
    node.deleted && 'Deleted: restore it within 24 hours, or purge it (administrators).',
  ]);
  return out;
}

const PROPERTY_ICONS: Partial<Record<PropertyNode['property'], string>> = {
  state: 'pulse',
  grants: 'key',
  id: 'symbol-key',
};

export function propertyItem(node: PropertyNode): vscode.TreeItem {
  const out = item(node, icon(PROPERTY_ICONS[node.property] ?? 'symbol-property'));
  out.tooltip = node.tooltip ?? (node.value || undefined);
  return out;
}

export function uriListItem(node: UriListNode): vscode.TreeItem {
  const out = item(node, icon(node.field === 'redirect_uris' ? 'link' : 'sign-out'));
  out.tooltip =
    node.field === 'redirect_uris'
      ? 'Where The Things Stack may send authorization codes. At least one is required.'
      : 'Where users may be sent back after signing out.';
  return out;
}

export function uriItem(node: UriNode): vscode.TreeItem {
  const warning = redirectUriWarning(node.uri);
  const out = item(node, icon(warning ? 'warning' : 'link', warning ? 'list.warningForeground' : undefined));
  out.tooltip = warning ?? node.uri;
  return out;
}

export function secretItem(node: SecretNode): vscode.TreeItem {
  const out = item(node, icon(node.stored ? 'lock' : 'unlock'));
  out.tooltip = node.stored
    ? "The secret returned when the client was created, kept in VS Code's secret storage. Copy it from the context menu."
    : 'The Things Stack shows a client secret only once, when the client is created; VS Code has none for this client.';
  return out;
}
