// OAuth client nodes and their property children: properties, redirect URI lists, the stored secret.
import vscode = require('vscode');
import { redirectUriWarning } from '../../../tts/ids';
import { URI_LABELS, stateLabel } from '../../entityNodes';
import type { ClientNode, PropertyNode, SecretNode, UriListNode, UriNode } from '../../nodeTypes';
import { Collapsed, None, esc, icon, item, markdown } from './shared';

const STATE_ICON: Record<string, [string, string | undefined]> = {
  STATE_REQUESTED: ['shield', 'list.warningForeground'],
  STATE_APPROVED: ['shield', undefined],
  STATE_REJECTED: ['shield', 'list.errorForeground'],
  STATE_FLAGGED: ['shield', 'list.warningForeground'],
  STATE_SUSPENDED: ['shield', 'list.errorForeground'],
};

export function clientItem(node: ClientNode): vscode.TreeItem {
  const c = node.client;
  const state = c.state ?? 'STATE_REQUESTED';
  // A state this version does not know (a newer server) gets the plain icon instead of breaking the tree.
  const [iconId, color] = node.deleted ? ['trash', undefined] : (STATE_ICON[state] ?? ['shield', undefined]);
  const out = item(node, c.name || node.clientId, node.deleted ? None : Collapsed, icon(iconId, color));
  const notes = [
    c.name ? node.clientId : undefined,
    node.deleted
      ? `deleted ${c.deleted_at?.slice(0, 16).replace('T', ' ') ?? ''}`.trim()
      : state !== 'STATE_APPROVED'
        ? stateLabel(state).toLowerCase()
        : undefined,
  ];
  out.description = notes.filter(Boolean).join(' · ');
  out.tooltip = markdown([
    `$(shield) **${esc(c.name || node.clientId)}** — \`${node.clientId}\``,
    c.description && esc(c.description),
    `State: ${esc(stateLabel(state))}${c.state_description ? ` — ${esc(c.state_description)}` : ''}`,
    node.deleted && 'Deleted: restore it within 24 hours, or purge it (administrators).',
  ]);
  return out;
}

export function propertyItem(node: PropertyNode): vscode.TreeItem {
  const iconId =
    node.property === 'state'
      ? 'pulse'
      : node.property === 'grants'
        ? 'key'
        : node.property === 'id'
          ? 'symbol-key'
          : 'symbol-property';
  const out = item(node, node.label, None, icon(iconId));
  out.description = node.value || '(none)';
  out.tooltip = node.tooltip ?? (node.value || undefined);
  return out;
}

export function uriListItem(node: UriListNode): vscode.TreeItem {
  const out = item(
    node,
    URI_LABELS[node.field],
    node.uris.length ? Collapsed : None,
    icon(node.field === 'redirect_uris' ? 'link' : 'sign-out'),
  );
  out.description = node.uris.length ? String(node.uris.length) : 'none';
  out.tooltip =
    node.field === 'redirect_uris'
      ? 'Where The Things Stack may send authorization codes. At least one is required.'
      : 'Where users may be sent back after signing out.';
  return out;
}

export function uriItem(node: UriNode): vscode.TreeItem {
  const warning = redirectUriWarning(node.uri);
  const out = item(
    node,
    node.uri,
    None,
    icon(warning ? 'warning' : 'link', warning ? 'list.warningForeground' : undefined),
  );
  out.tooltip = warning ?? node.uri;
  return out;
}

export function secretItem(node: SecretNode): vscode.TreeItem {
  const out = item(node, 'Secret', None, icon(node.stored ? 'lock' : 'unlock'));
  out.description = node.stored ? '•••••••• (stored in VS Code)' : 'not stored in VS Code';
  out.tooltip = node.stored
    ? "The secret returned when the client was created, kept in VS Code's secret storage. Copy it from the context menu."
    : 'The Things Stack shows a client secret only once, when the client is created; VS Code has none for this client.';
  return out;
}
