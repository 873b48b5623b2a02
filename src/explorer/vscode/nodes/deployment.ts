// Deployment, section ("OAuth Clients" / "Applications"), owner and "Recently Deleted" nodes.
import vscode = require('vscode');
import type { DeletedNode, DeploymentNode, OwnerNode, SectionNode } from '../../nodeTypes';
import { SECTION_LABELS } from '../../rows';
import { esc, icon, item, markdown } from './shared';

export function deploymentItem(node: DeploymentNode): vscode.TreeItem {
  const signedIn = node.accountLabel !== undefined;
  const out = item(node, icon(signedIn ? 'cloud' : 'cloud-download'));
  out.tooltip = markdown([
    `**${esc(node.name)}**`,
    `Identity Server: ${esc(node.deploymentKey)}`,
    signedIn ? `Signed in as ${esc(node.accountLabel)}` : 'Not signed in',
  ]);
  return out;
}

const SECTION_ICONS = { clients: 'shield', applications: 'package', organizations: 'organization' } as const;

export function sectionItem(node: SectionNode): vscode.TreeItem {
  const out = item(node, icon(SECTION_ICONS[node.section]));
  out.tooltip =
    node.filter !== undefined
      ? `Showing ${SECTION_LABELS[node.section].toLowerCase().replace('oauth', 'OAuth')} whose ID, name or description contains "${node.filter}".`
      : node.section === 'organizations'
        ? 'The organizations you are a member of. Their OAuth clients and applications are listed under them as owner.'
        : undefined;
  return out;
}

export function ownerItem(node: OwnerNode): vscode.TreeItem {
  const out = item(node, icon(node.isSelf ? 'account' : 'organization'));
  out.tooltip = `${node.section === 'clients' ? 'OAuth clients' : 'Applications'} of ${node.isSelf ? 'your user account' : `organization ${node.owner.id}`} (direct collaborations).`;
  return out;
}

export function deletedItem(node: DeletedNode): vscode.TreeItem {
  const out = item(node, icon('trash'));
  out.tooltip = 'Deleted in the last 24 hours: restore them (or, as an administrator, purge them).';
  return out;
}
