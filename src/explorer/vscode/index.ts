// The explorer's entry point for the composition root: the model, the tree view, the JSON documents and every
// explorer command, each disposable pushed to the extension context.
import vscode = require('vscode');
import type { Accounts } from '../../auth/accounts';
import type { CommandContext, CommandLog } from '../../commands/context';
import { EXPLORER_COMMAND_IDS } from '../../commands/ids';
import { registerLazyCommands } from '../../commands/vscode/register';
import type { VsCodeClientHost } from '../../commands/registerClient';
import * as settings from '../../platform/config';
import { viewProgress } from '../../platform/notifications';
import type { VscodeUi } from '../../ui/vscode/vscodeUi';
import type { ExplorerNode } from '../nodeTypes';
import { ExplorerModel } from '../model';
import { ExplorerTreeProvider } from './treeProvider';

const VIEW_ID = 'thingsStack.explorer';

export interface ExplorerLog extends CommandLog {
  show?(): void;
  /** Hides new secrets in later log lines (the Logger's Redactor). */
  redactor?: { add(secret: string | undefined): void };
}

export interface ExplorerConfig {
  pageSize(): number;
  onDidChange(listener: () => void): vscode.Disposable;
}

export interface ExplorerDeps {
  accounts: Accounts;
  log: ExplorerLog;
  /** The window's one UI (its JSON documents are the one `thingsstack-json` content provider). */
  ui: VscodeUi;
  /** Defaults to the `thingsStack.*` settings. */
  config?: ExplorerConfig;
  vsCodeClientHost?: VsCodeClientHost;
  /** Sign Out of one session (the authentication provider's removeSession). */
  signOut?(sessionId: string): Promise<void>;
}

/** Returns the tree provider and its view (the extension-host tests drive them). */
export function registerExplorer(
  context: vscode.ExtensionContext,
  deps: ExplorerDeps,
): { model: ExplorerModel; provider: ExplorerTreeProvider; view: vscode.TreeView<ExplorerNode> } {
  const config = deps.config ?? { pageSize: settings.pageSize, onDidChange: settings.onDidChange };
  const model = new ExplorerModel(deps.accounts, {
    pageSize: () => config.pageSize(),
    // A reload keeps the rows shown until it swaps them; the view's progress bar says it is under way.
    progress: (work) => viewProgress(VIEW_ID, work),
  });
  const provider = new ExplorerTreeProvider(model);
  const view = vscode.window.createTreeView(VIEW_ID, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const ui = deps.ui;
  const ctx: CommandContext = {
    ui,
    accounts: deps.accounts,
    model,
    log: deps.log,
    redact: (secret) => deps.log.redactor?.add(secret),
    reveal: async (node) => view.reveal(node, { expand: true, select: true, focus: false }),
    signOut: deps.signOut,
    vsCodeClientHost: deps.vsCodeClientHost && { ...deps.vsCodeClientHost, refresh: () => void model.refresh() },
  };
  context.subscriptions.push(
    model,
    provider,
    view,
    // The commands' code loads on the first run of one of them, not at activation.
    registerLazyCommands(
      EXPLORER_COMMAND_IDS,
      async () => (await import('../../commandsAndSignIn')).explorerCommands(ctx),
      deps.log,
      ui,
    ),
    // A new page size only applies to lists fetched from now on: start over.
    config.onDidChange(() => void model.refresh()),
  );
  return { model, provider, view };
}
