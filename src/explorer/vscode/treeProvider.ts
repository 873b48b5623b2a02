// The VS Code TreeDataProvider of the explorer: ExplorerTreeData (vscode-free) with TreeItems and an EventEmitter
// that always names the root, so the view refreshes from its root on every change of the model.
import vscode = require('vscode');
import type { ExplorerModel } from '../model';
import type { ExplorerNode } from '../nodeTypes';
import { ExplorerTreeData } from '../treeData';
import { treeItemFor } from './nodes';
import { viewProgress } from '../../platform/notifications';

export class ExplorerTreeProvider
  extends ExplorerTreeData<vscode.TreeItem>
  implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable
{
  private readonly emitter: vscode.EventEmitter<undefined>;
  readonly onDidChangeTreeData: vscode.Event<undefined>;

  constructor(model: ExplorerModel) {
    const emitter = new vscode.EventEmitter<undefined>();
    super(model, treeItemFor, () => emitter.fire(undefined));
    this.emitter = emitter;
    this.onDidChangeTreeData = emitter.event;
  }

  override dispose(): void {
    super.dispose();
    this.emitter.dispose();
  }
}

export const EXPLORER_VIEW = 'thingsStack.explorer';

/** The explorer's tree view over its provider. */
export function createExplorerView(provider: ExplorerTreeProvider): vscode.TreeView<ExplorerNode> {
  return vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true });
}

/** The view's progress bar while the model reloads (the rows stay shown until it swaps them). */
export function explorerProgress(work: Promise<unknown>): void {
  viewProgress(EXPLORER_VIEW, work);
}
