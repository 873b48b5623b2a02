// The VS Code TreeDataProvider over the explorer model: the model loads and caches, this only renders and relays
// the model's change events.
import * as vscode from 'vscode';
import type { ExplorerModel } from './model';
import type { ExplorerNode } from './nodeTypes';
import { treeItemFor } from './nodes';

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly model: ExplorerModel) {
    this.subscription = model.onDidChange((node) => this.emitter.fire(node));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemFor(node, (n) => this.model.parent(n));
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.model.children(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.parent(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
