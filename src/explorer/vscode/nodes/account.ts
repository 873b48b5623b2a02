// The account side: organizations, authorized apps and their tokens, administration (queue, all entities, review).
import vscode = require('vscode');
import { expiryText } from '../../entityNodes';
import type {
  AdminNode,
  AllEntitiesNode,
  AuthorizationNode,
  AuthorizationsNode,
  OrganizationNode,
  QueueNode,
  ReviewNode,
  TokenNode,
} from '../../nodeTypes';
import { SECTION_LABELS } from '../../rows';
import { esc, icon, item, markdown } from './shared';

const CURRENT = 'This VS Code window signs in with it: revoking it signs you out here.';

export function organizationItem(node: OrganizationNode): vscode.TreeItem {
  const o = node.organization;
  const out = item(node, icon(node.deleted ? 'trash' : 'organization'));
  out.tooltip = markdown([
    `$(organization) **${esc(o.name || node.organizationId)}** — \`${node.organizationId}\``,
    o.description && esc(o.description),
    node.deleted && 'Deleted: an administrator can restore it within 24 hours, or purge it.',
  ]);
  return out;
}

export function authorizationsItem(node: AuthorizationsNode): vscode.TreeItem {
  const out = item(node, icon('verified'));
  out.tooltip =
    'The OAuth clients you allowed to act for you, with their access tokens. Revoke what you no longer use.';
  return out;
}

export function authorizationItem(node: AuthorizationNode): vscode.TreeItem {
  const a = node.authorization;
  const out = item(node, icon(node.current ? 'vm-active' : 'shield'));
  out.tooltip = markdown([
    `**${esc(node.clientName || node.clientId)}** — \`${node.clientId}\``,
    `Authorized ${esc(a.created_at ?? '?')}`,
    `Rights: ${(a.rights ?? []).map((r) => `\`${r}\``).join(', ') || 'none'}`,
    node.current && CURRENT,
  ]);
  return out;
}

export function tokenItem(node: TokenNode): vscode.TreeItem {
  const t = node.token;
  const expiry = expiryText(t.expires_at);
  const out = item(
    node,
    icon(node.current ? 'vm-active' : 'key', expiry.startsWith('expired') ? 'list.errorForeground' : undefined),
  );
  out.tooltip = markdown([
    `Access token \`${esc(t.id)}\``,
    `Created ${esc(t.created_at ?? '?')}; ${expiry}.`,
    `Rights: ${(t.rights ?? []).map((r) => `\`${r}\``).join(', ') || 'none'}`,
    node.current && CURRENT,
  ]);
  return out;
}

export function adminItem(node: AdminNode): vscode.TreeItem {
  const out = item(node, icon('law'));
  out.tooltip = 'What an administrator of this deployment sees: clients awaiting approval and every entity.';
  return out;
}

export function queueItem(node: QueueNode): vscode.TreeItem {
  const out = item(node, icon('inbox'));
  out.tooltip = 'OAuth clients requested by users who may not approve their own: review each, then approve or reject.';
  return out;
}

export function allEntitiesItem(node: AllEntitiesNode): vscode.TreeItem {
  const out = item(node, icon('list-flat'));
  out.tooltip =
    node.filter !== undefined
      ? `${SECTION_LABELS[node.section]} of the whole deployment whose ID, name or description contains "${node.filter}".`
      : `${SECTION_LABELS[node.section]} of the whole deployment (administrators).`;
  return out;
}

const REVIEW_ICONS: Record<ReviewNode['severity'], [string, string?]> = {
  error: ['error', 'list.errorForeground'],
  warning: ['warning', 'list.warningForeground'],
  info: ['info'],
  ok: ['pass', 'testing.iconPassed'],
};

export function reviewItem(node: ReviewNode): vscode.TreeItem {
  const out = item(node, icon(...REVIEW_ICONS[node.severity]));
  out.tooltip = `Review against the OAuth client guidelines: ${node.message}`;
  return out;
}
