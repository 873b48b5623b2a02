// State nodes: "Load more", errors (message with correlation id; click to retry) and empty states / hints.
import vscode = require('vscode');
import type { ErrorNode, ExplorerNode, LoadMoreNode, MessageNode } from '../../nodeTypes';
import { icon, item } from './shared';

export function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const out = item(node, icon('ellipsis'));
  out.command = { command: 'thingsStack.loadMore', title: 'Load More', arguments: [node] };
  return out;
}

export function errorItem(node: ErrorNode, parent: ExplorerNode | undefined): vscode.TreeItem {
  const out = item(node, icon('error', 'list.errorForeground'));
  out.tooltip = `${node.message}\n\nClick to try again.`;
  out.command = { command: 'thingsStack.refresh', title: 'Try Again', arguments: parent ? [parent] : [] };
  return out;
}

const ICONS: Record<MessageNode['icon'], string> = {
  info: 'info',
  add: 'add',
  signIn: 'sign-in',
  filter: 'filter',
  go: 'arrow-right',
};

export function messageItem(node: MessageNode): vscode.TreeItem {
  const out = item(node, icon(ICONS[node.icon]));
  if (node.command) {
    out.command = { command: node.command, title: node.message, arguments: node.commandArgs ?? [] };
  }
  return out;
}
