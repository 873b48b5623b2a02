// The explorer's TreeDataProvider without vscode: children and parents come from the model, items from a renderer,
// and every change of the model reaches the view as one change of its root (ARCHITECTURE.md says why never one
// element). The VS Code adapter (vscode/treeProvider.ts) plugs in TreeItems and an EventEmitter; the Node model of
// VS Code's tree (test/support/vscodeTree) runs this same class.
import type { Disposable } from '../auth/accounts';
import type { ExplorerModel } from './model';
import type { ExplorerNode } from './nodeTypes';

export class ExplorerTreeData<Item> {
  private readonly subscription: Disposable;

  constructor(
    private readonly model: ExplorerModel,
    private readonly render: (node: ExplorerNode, parent: ExplorerNode | undefined) => Item,
    changed: () => void,
  ) {
    this.subscription = model.onDidChange(changed);
  }

  getTreeItem(node: ExplorerNode): Item {
    return this.render(node, this.model.parent(node));
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.model.children(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.parent(node);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
