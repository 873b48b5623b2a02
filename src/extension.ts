// Composition root: build the objects, register them, push every disposable. Nothing else lives here.
import vscode = require('vscode');
import { AccountService, clientSecrets } from './auth/accountService';
import { PendingAttempts } from './auth/attempts';
import { sessionOAuthClients } from './auth/oauthClients';
import { SessionRepository } from './auth/repository';
import { tokenRevoker } from './auth/revoke';
import { TokenManager } from './auth/tokens';
import type { SignInHooks } from './auth/vscode/interactive';
import { PROVIDER_ID, PROVIDER_LABEL, TtsAuthProvider } from './auth/vscode/provider';
import { secretStore } from './auth/vscode/secretStore';
import { AccountStatusBar } from './auth/vscode/statusBar';
import { CallbackUriHandler } from './auth/vscode/uriHandler';
import { explorerCommands } from './commands/explorerCommands';
import { CommandTable } from './commands/table';
import { addedDeployment, authCommands } from './commands/vscode/auth';
import { registerCommands } from './commands/vscode/register';
import { LiveEventsCommands, type LiveEventsInspector } from './events/vscode/commands';
import { ExplorerModel } from './explorer/model';
import type { ExplorerNode } from './explorer/nodeTypes';
import { explorerCommandContext } from './explorer/vscode/commandContext';
import { createExplorerView, explorerProgress, ExplorerTreeProvider } from './explorer/vscode/treeProvider';
import type { ConflictChoice } from './formatters/saveFlow';
import { formatterCommands } from './formatters/vscode/commands';
import { formatterConflictUi } from './formatters/vscode/conflicts';
import { FormatterDiagnostics } from './formatters/vscode/diagnostics';
import { FORMATTER_SCHEME, FormatterFileSystem } from './formatters/vscode/fileSystem';
import { FormatterFilesKey } from './formatters/vscode/formatterFiles';
import { WorkspaceLinks } from './formatters/vscode/links';
import { FormatterSyncStatus } from './formatters/vscode/syncStatus';
import type { FormatterTests } from './formatters/vscode/testing';
import { FormatterTestsWhenNeeded } from './formatters/vscode/testsWhenNeeded';
import * as config from './platform/config';
import { publishAccountKeys, setContext } from './platform/contextKeys';
import { testApi, userAgent } from './platform/environment';
import { createLogger, type Logger } from './platform/logger';
import { overridableUi, type Ui } from './ui/ui';
import { ReadOnlyDocuments } from './ui/vscode/readOnlyDocuments';
import { VscodeUi } from './ui/vscode/vscodeUi';

/** What the extension-host tests reach of the formatters. */
export interface FormattersInspector {
  fileSystem: FormatterFileSystem;
  links: WorkspaceLinks;
  status: FormatterSyncStatus;
  /** The Testing view's controller, once the workspace has a linked formatter file or a test-case file. */
  tests(): Promise<FormatterTests | undefined>;
  /** The prompts of the formatter commands when no hook replaces them. */
  defaultUi: Ui;
  /** Replaces the prompts of the formatter commands and the save conflict's question. */
  hooks: { ui?: Ui; conflict?: (message: string) => Promise<ConflictChoice | undefined> };
}

/** What activate() returns: nothing for users; seams for the extension-host tests in ExtensionMode.Test. */
export interface ExtensionApi {
  testing?: {
    hooks: SignInHooks;
    accounts: AccountService;
    provider: TtsAuthProvider;
    statusBar: AccountStatusBar;
    log: Logger;
    tree: ExplorerTreeProvider;
    treeView: vscode.TreeView<ExplorerNode>;
    explorer: ExplorerModel;
    events: LiveEventsInspector;
    formatters: FormattersInspector;
    commands: CommandTable;
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const hooks: SignInHooks = {};
  const formatterHooks: FormattersInspector['hooks'] = {};
  const log = createLogger(context);
  const deployments = new config.SettingsDeployments(log);
  const secrets = secretStore(context.secrets);
  const repo = new SessionRepository(secrets, log);
  const oauthFor = sessionOAuthClients(deployments, clientSecrets(secrets));
  const tokens = new TokenManager({ repo, log, oauthFor, onExpired: (session) => statusBar.sessionExpired(session) });
  const accounts = new AccountService({
    deployments,
    tokens,
    secrets,
    http: { log, userAgent: userAgent(context) },
    state: context.globalState,
  });
  const statusBar = new AccountStatusBar(accounts);
  const documents = new ReadOnlyDocuments();
  const ui = new VscodeUi(documents);
  const deploymentUi = overridableUi(ui, () => hooks.deploymentUi);
  const pending = new PendingAttempts();
  const provider = new TtsAuthProvider(
    {
      repo,
      tokens,
      accounts,
      log,
      // The sign-in flows load with the first sign-in.
      signIn: async (deployment) =>
        (await import('./auth/vscode/interactive')).interactiveSignIn(deployment, {
          accounts,
          pending,
          log,
          addDeployment: () => addedDeployment(deploymentUi),
          hooks,
        }),
      revoke: tokenRevoker({ deployments, log, oauthFor }),
    },
    context.secrets,
  );

  const explorer = new ExplorerModel(accounts, { pageSize: config.pageSize, progress: explorerProgress });
  const tree = new ExplorerTreeProvider(explorer);
  const treeView = createExplorerView(tree);
  const explorerCtx = explorerCommandContext({ ui, accounts, model: explorer, log, view: treeView, provider });

  const links = new WorkspaceLinks(context.workspaceState);
  const fileSystem = new FormatterFileSystem(accounts, formatterConflictUi(documents, formatterHooks));
  const diagnostics = new FormatterDiagnostics(links, accounts, log);
  const status = new FormatterSyncStatus(links, accounts);
  const testsView = new FormatterTestsWhenNeeded(links, accounts);
  const formatterUi = overridableUi(ui, () => formatterHooks.ui);

  const events = new LiveEventsCommands({ accounts, log, ui, bufferSize: config.eventsBufferSize });
  const commands = new CommandTable(
    authCommands({ provider, accounts, log, ui: deploymentUi }),
    explorerCommands(explorerCtx),
    events.commands,
    formatterCommands({
      ctx: { ui: formatterUi, accounts, model: explorer, log },
      extensionUri: context.extensionUri,
      fileSystem,
      documents,
      diagnostics,
      links,
      status,
    }),
  );

  context.subscriptions.push(
    log,
    deployments,
    documents,
    provider,
    statusBar,
    vscode.authentication.registerAuthenticationProvider(PROVIDER_ID, PROVIDER_LABEL, provider, {
      supportsMultipleAccounts: true,
    }),
    vscode.window.registerUriHandler(new CallbackUriHandler(pending, log)),
    deployments.onDidChange(() => accounts.fire()),
    publishAccountKeys(accounts),
    explorer,
    tree,
    treeView,
    // A new page size applies to lists fetched from now on: start over.
    config.onDidChange(() => void explorer.refresh()),
    fileSystem,
    vscode.workspace.registerFileSystemProvider(FORMATTER_SCHEME, fileSystem, { isCaseSensitive: true }),
    fileSystem.onDidSave((l) => explorer.formattersChanged(l.deploymentKey, l.applicationId, l.deviceId)),
    diagnostics,
    links,
    new FormatterFilesKey(links),
    status,
    testsView,
    events,
    registerCommands(commands, log, ui),
  );
  void provider.reload().then(() => setContext('thingsStack.ready', true));
  return testApi(context, () => ({
    hooks,
    accounts,
    provider,
    statusBar,
    log,
    tree,
    treeView,
    explorer,
    events,
    commands,
    formatters: {
      fileSystem,
      links,
      status,
      tests: () => testsView.current(),
      defaultUi: ui,
      hooks: formatterHooks,
    },
  }));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
