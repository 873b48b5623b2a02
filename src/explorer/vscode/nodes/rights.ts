// Rights (grouped with "n of m" counts, expandable) and collaborator nodes.
import vscode = require('vscode');
import { explain, isPseudoRight } from '../../../tts/rights';
import { pseudoDetail } from '../../../ui/rightsPicker';
import type { CollaboratorNode, CollaboratorsNode, RightGroupNode, RightNode, RightsNode } from '../../nodeTypes';
import { esc, icon, item, markdown } from './shared';

export function rightsItem(node: RightsNode): vscode.TreeItem {
  const out = item(node, icon('law'));
  out.tooltip = "What tokens issued to this client may do (intersected with each user's own rights).";
  return out;
}

export function rightGroupItem(node: RightGroupNode): vscode.TreeItem {
  return item(node, icon('list-tree'));
}

export function rightItem(node: RightNode): vscode.TreeItem {
  const pseudo = isPseudoRight(node.right);
  const out = item(node, icon(pseudo ? 'star-full' : 'check'));
  out.tooltip = pseudo ? pseudoDetail(node.right) : explain(node.right);
  return out;
}

export function collaboratorsItem(node: CollaboratorsNode): vscode.TreeItem {
  return item(node, icon('organization'));
}

export function collaboratorItem(node: CollaboratorNode): vscode.TreeItem {
  const rights = node.collaborator.rights ?? [];
  const out = item(node, icon(node.member.kind === 'user' ? 'account' : 'organization'));
  out.tooltip = markdown([
    `**${esc(node.member.id)}** (${node.member.kind})`,
    rights.map((r) => `\`${r}\``).join(', ') || 'no rights',
  ]);
  return out;
}
