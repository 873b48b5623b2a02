// Deployment, section ("OAuth Clients" / "Applications"), owner and "Recently Deleted" nodes.
import vscode = require('vscode');
import type { DeletedNode, DeploymentNode, OwnerNode, SectionNode } from '../../nodeTypes';
import { Collapsed, Expanded, count, esc, icon, item, markdown } from './shared';

export function deploymentItem(node: DeploymentNode): vscode.TreeItem {
  const signedIn = node.accountLabel !== undefined;
  const out = item(node, node.name, signedIn ? Expanded : Collapsed, icon(signedIn ? 'cloud' : 'cloud-download'));
  out.description = signedIn ? `${node.accountLabel}${node.isAdmin ? ' · admin' : ''}` : 'signed out';
  out.tooltip = markdown([
    `**${esc(node.name)}**`,
    `Identity Server: ${esc(node.deploymentKey)}`,
    signedIn ? `Signed in as ${esc(node.accountLabel)}` : 'Not signed in',
  ]);
  return out;
}

export function sectionItem(node: SectionNode): vscode.TreeItem {
  const clients = node.section === 'clients';
  const out = item(node, clients ? 'OAuth Clients' : 'Applications', Collapsed, icon(clients ? 'shield' : 'package'));
  out.description =
    node.filter !== undefined
      ? `filter: "${node.filter}"${node.total !== undefined ? ` · ${node.total} found` : ''}`
      : undefined;
  out.tooltip =
    node.filter !== undefined
      ? `Showing ${clients ? 'OAuth clients' : 'applications'} whose ID, name or description contains "${node.filter}".`
      : undefined;
  return out;
}

export function ownerItem(node: OwnerNode): vscode.TreeItem {
  const what = node.section === 'clients' ? 'client' : 'application';
  const out = item(
    node,
    node.label,
    node.isSelf ? Expanded : Collapsed,
    icon(node.isSelf ? 'account' : 'organization'),
  );
  const kind = node.isSelf ? 'you' : node.label !== node.owner.id ? node.owner.id : 'organization';
  out.description = [kind, count(node.total, what)].filter(Boolean).join(' · ');
  out.tooltip = `${node.section === 'clients' ? 'OAuth clients' : 'Applications'} of ${node.isSelf ? 'your user account' : `organization ${node.owner.id}`} (direct collaborations).`;
  return out;
}

export function deletedItem(node: DeletedNode): vscode.TreeItem {
  const out = item(node, 'Recently Deleted', Collapsed, icon('trash'));
  out.description = count(node.total, 'item');
  out.tooltip = 'Deleted in the last 24 hours: restore them (or, as an administrator, purge them).';
  return out;
}
