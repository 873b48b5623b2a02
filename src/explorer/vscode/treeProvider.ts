// The VS Code TreeDataProvider over the explorer model: the model loads and caches, this only renders and relays
// the model's change events. An answer that a refresh overtook is given empty (see ChangeLog): the tree asks again.
import vscode = require('vscode');
import { ChangeLog } from '../changeLog';
import type { ExplorerModel } from '../model';
import type { ExplorerNode } from '../nodeTypes';
import { treeItemFor } from './nodes';

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: { dispose(): void };
  private readonly changes = new ChangeLog();

  constructor(private readonly model: ExplorerModel) {
    this.subscription = model.onDidChange((node) => {
      this.changes.record(node?.id);
      this.emitter.fire(node);
    });
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemFor(node, (n) => this.model.parent(n));
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.changes.current(node?.id, () => this.model.children(node));
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.parent(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
