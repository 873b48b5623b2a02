// Rights (grouped with "n of m" counts, expandable) and collaborator nodes.
import vscode = require('vscode');
import { explain, isPseudoRight, rightLabel } from '../../../tts/rights';
import { pseudoDetail, pseudoLabel } from '../../../ui/rightsPicker';
import type { CollaboratorNode, CollaboratorsNode, RightGroupNode, RightNode, RightsNode } from '../../nodeTypes';
import { Collapsed, None, count, esc, icon, item, markdown } from './shared';

export function rightsItem(node: RightsNode): vscode.TreeItem {
  const out = item(node, 'Rights', node.rights.length ? Collapsed : None, icon('law'));
  out.description = count(node.rights.length, 'right');
  out.tooltip = "What tokens issued to this client may do (intersected with each user's own rights).";
  return out;
}

export function rightGroupItem(node: RightGroupNode): vscode.TreeItem {
  const s = node.summary;
  const out = item(node, s.label, Collapsed, icon('list-tree'));
  out.description = s.all ? `all (${s.held} of ${s.total})` : `${s.held} of ${s.total}`;
  return out;
}

export function rightItem(node: RightNode): vscode.TreeItem {
  const pseudo = isPseudoRight(node.right);
  const out = item(
    node,
    pseudo ? pseudoLabel(node.right) : rightLabel(node.right),
    None,
    icon(pseudo ? 'star-full' : 'check'),
  );
  out.description = node.right;
  out.tooltip = pseudo ? pseudoDetail(node.right) : explain(node.right);
  return out;
}

export function collaboratorsItem(node: CollaboratorsNode): vscode.TreeItem {
  const out = item(node, 'Collaborators', Collapsed, icon('organization'));
  out.description = count(node.total, 'collaborator');
  return out;
}

export function collaboratorItem(node: CollaboratorNode): vscode.TreeItem {
  const rights = node.collaborator.rights ?? [];
  const out = item(node, node.member.id, None, icon(node.member.kind === 'user' ? 'account' : 'organization'));
  const all = rights.some((r) => r === 'RIGHT_ALL' || /_ALL$/.test(r));
  out.description = `${node.member.kind} · ${all ? 'all rights' : `${rights.length} right${rights.length === 1 ? '' : 's'}`}`;
  out.tooltip = markdown([
    `**${esc(node.member.id)}** (${node.member.kind})`,
    rights.map((r) => `\`${r}\``).join(', ') || 'no rights',
  ]);
  return out;
}
