// What the explorer's commands act with in VS Code (CommandContext): the window's Ui, the accounts, the model, the
// log that redacts new secrets, the tree view to reveal a new row in, and what "Register an OAuth Client for VS Code"
// needs of VS Code (the callback URI, the settings, a sign-in).
import type * as vscode from 'vscode';
import type { AccountService } from '../../auth/accountService';
import type { TtsAuthProvider } from '../../auth/vscode/provider';
import { externalCallbackUri } from '../../auth/vscode/uriHandler';
import type { CommandContext } from '../../commands/context';
import { updateDeployment } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import type { Ui } from '../../ui/ui';
import type { ExplorerModel } from '../model';
import type { ExplorerNode } from '../nodeTypes';

export interface ExplorerCommandDeps {
  ui: Ui;
  accounts: AccountService;
  model: ExplorerModel;
  log: Logger;
  view: vscode.TreeView<ExplorerNode>;
  provider: TtsAuthProvider;
}

export function explorerCommandContext(deps: ExplorerCommandDeps): CommandContext {
  const { ui, accounts, model, log, view, provider } = deps;
  return {
    ui,
    accounts,
    model,
    log,
    redact: (secret) => log.redactor.add(secret),
    reveal: async (node) => view.reveal(node, { expand: true, select: true, focus: false }),
    // Revoking this window's own authorization or token signs out: the provider revokes and forgets the session.
    signOut: (sessionId) => provider.removeSession(sessionId),
    vsCodeClientHost: {
      callbackUri: externalCallbackUri,
      saveClientId: (key, clientId) => updateDeployment({ key }, { clientId }),
      signIn: async (key) => {
        await provider.createSession([`deployment:${key}`]);
      },
      refresh: () => void model.refresh(),
    },
  };
}
