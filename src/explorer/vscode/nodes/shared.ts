// Small helpers every node renderer uses.
import vscode = require('vscode');
import { contextValueOf } from '../../contextValues';
import type { ExplorerNode } from '../../nodeTypes';
import { rowOf, type Collapsible } from '../../rows';

const COLLAPSIBLE: Record<Collapsible, vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export function icon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** A TreeItem with the node's row text (rows.ts) and stable id, so expansion and selection survive refreshes. */
export function item(node: ExplorerNode, themeIcon: vscode.ThemeIcon): vscode.TreeItem {
  const row = rowOf(node);
  const out = new vscode.TreeItem(row.label, COLLAPSIBLE[row.collapsible]);
  out.id = node.id;
  out.description = row.description;
  out.iconPath = themeIcon;
  out.contextValue = contextValueOf(node);
  return out;
}

export function markdown(lines: (string | undefined | false)[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(
    lines.filter((l): l is string => typeof l === 'string' && l.length > 0).join('\n\n'),
  );
  md.supportThemeIcons = true;
  return md;
}

/** Escapes text from the server before it goes into a Markdown tooltip. */
export function esc(text: string | undefined): string {
  return (text ?? '').replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
