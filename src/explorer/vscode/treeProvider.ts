// The VS Code TreeDataProvider of the explorer: ExplorerTreeData (vscode-free) with TreeItems and an EventEmitter
// that always names the root, so the view refreshes from its root on every change of the model.
import vscode = require('vscode');
import type { ExplorerModel } from '../model';
import type { ExplorerNode } from '../nodeTypes';
import { ExplorerTreeData } from '../treeData';
import { treeItemFor } from './nodes';

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
