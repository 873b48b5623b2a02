// Small helpers every node renderer uses.
import vscode = require('vscode');
import { contextValueOf } from '../../contextValues';
import type { ExplorerNode } from '../../nodeTypes';

export const None = vscode.TreeItemCollapsibleState.None;
export const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
export const Expanded = vscode.TreeItemCollapsibleState.Expanded;

export function icon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** A TreeItem with the node's stable id, so expansion and selection survive refreshes. */
export function item(
  node: ExplorerNode,
  label: string,
  collapsible: vscode.TreeItemCollapsibleState,
  themeIcon: vscode.ThemeIcon,
): vscode.TreeItem {
  const out = new vscode.TreeItem(label, collapsible);
  out.id = node.id;
  out.iconPath = themeIcon;
  out.contextValue = contextValueOf(node);
  return out;
}

export function count(total: number | undefined, singular: string, plural = `${singular}s`): string | undefined {
  return total === undefined ? undefined : `${total} ${total === 1 ? singular : plural}`;
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
