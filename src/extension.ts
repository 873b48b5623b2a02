// Composition root: build the objects, register them, push every disposable. Nothing else lives here.
import vscode = require('vscode');
import { AccountService } from './auth/accountService';
import { PendingAttempts } from './auth/attempts';
import type { SignInHooks } from './auth/vscode/interactive';
import { PROVIDER_ID, PROVIDER_LABEL, TtsAuthProvider } from './auth/vscode/provider';
import { SessionRepository } from './auth/repository';
import { tokenRevoker } from './auth/revoke';
import { secretStore } from './auth/vscode/secretStore';
import { AccountStatusBar } from './auth/vscode/statusBar';
import { TokenManager } from './auth/tokens';
import { CallbackUriHandler, externalCallbackUri } from './auth/vscode/uriHandler';
import type { OAuthClient } from './auth/oauth';
import type { StoredSession } from './auth/sessions';
import { AUTH_COMMAND_IDS } from './commands/ids';
import { registerCommands, registerLazyCommands } from './commands/vscode/register';
import * as config from './platform/config';
import { setContext } from './platform/contextKeys';
import { Logger } from './platform/logger';
import { showWarning } from './platform/notifications';
import { registerExplorer } from './explorer/vscode/index';
import { LiveEventsController, type LiveEventsInspector } from './events/vscode/controller';
import type { ExplorerModel } from './explorer/model';
import type { ExplorerNode } from './explorer/nodeTypes';
import type { ExplorerTreeProvider } from './explorer/vscode/treeProvider';
import { registerFormatters, type FormattersInspector } from './formatters/vscode/index';
import { JsonDocuments } from './ui/vscode/jsonDocuments';
import { VscodeUi } from './ui/vscode/vscodeUi';
import type { Ui } from './ui/ui';
import type { Deployment } from './tts/deployments';

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
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const hooks: SignInHooks = {};
  const log = new Logger();
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    log.echo = (line) => console.log(`  (log) ${line}`);
  }
  const secrets = secretStore(context.secrets);
  const repo = new SessionRepository(secrets, log);
  if (config.workspaceDeploymentsIgnored()) {
    log.warn(
      "This workspace's settings define thingsStack.deployments; they are ignored: deployments come from your user settings only.",
    );
  }
  // An entry whose URL fails the checks of Add Deployment is not used; the user hears why, once per problem.
  const reported = new Set<string>();
  const deployments = (): ReturnType<typeof config.deployments> =>
    config.deployments((c, error) => {
      const message = `The deployment "${c.name}" in your settings is not used: ${error instanceof Error ? error.message : String(error)}`;
      if (!reported.has(message)) {
        reported.add(message);
        log.warn(message);
        void showWarning(message);
      }
    });
  // The OAuth client that renews a session: to refresh it, and to revoke it once its access token expired.
  const oauthFor = async (session: StoredSession): Promise<OAuthClient | undefined> => {
    const deployment = deployments().find((d) => d.key === session.deploymentKey);
    return deployment
      ? (await import('./commandsAndSignIn')).oauthClientFor(deployment, session.clientId, accounts)
      : undefined;
  };
  const tokens: TokenManager = new TokenManager({
    repo,
    log,
    oauthFor,
    onExpired: (session) => {
      statusBar.markExpired(session.accountLabel);
      void showWarning(
        `Your The Things Stack session for ${session.accountLabel} expired or was revoked.`,
        'Sign In',
      ).then((choice) => (choice ? vscode.commands.executeCommand('thingsStack.signIn') : undefined));
    },
  });
  const userAgent = `things-stack-manager/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`;
  const accounts: AccountService = new AccountService({
    deployments,
    tokens,
    secrets,
    http: { log, userAgent },
    state: context.globalState,
  });
  // One UI for the window: its JSON documents are the only `thingsstack-json` content provider.
  const documents = new JsonDocuments();
  const ui = new VscodeUi(documents);
  context.subscriptions.push(documents);
  const deploymentUi = (): Ui => hooks.deploymentUi ?? ui;
  const pending = new PendingAttempts();
  const provider = new TtsAuthProvider(
    {
      repo,
      tokens,
      accounts,
      log,
      // Sign-in and the commands load on first use (import()), so activation parses only what it runs.
      signIn: async (deployment) => {
        const { interactiveSignIn, addDeployment } = await import('./commandsAndSignIn');
        const add = async (): Promise<Deployment> => (await addDeployment(deploymentUi())).deployment;
        return interactiveSignIn(deployment, { accounts, pending, log, addDeployment: add, hooks });
      },
      revoke: tokenRevoker({ deployments, log, oauthFor }),
    },
    context.secrets,
  );
  const statusBar = new AccountStatusBar(accounts);

  const updateContext = (): void => {
    void setContext('thingsStack.hasDeployments', accounts.deployments().length > 0);
    void setContext('thingsStack.signedIn', accounts.all().length > 0);
    void setContext(
      'thingsStack.isAdmin',
      accounts.all().some((s) => s.isAdmin),
    );
  };

  context.subscriptions.push(
    log,
    provider,
    statusBar,
    vscode.authentication.registerAuthenticationProvider(PROVIDER_ID, PROVIDER_LABEL, provider, {
      supportsMultipleAccounts: true,
    }),
    vscode.window.registerUriHandler(new CallbackUriHandler(pending, log)),
    config.onDidChange(() => accounts.fire()),
    accounts.onDidChange(updateContext),
    registerLazyCommands(
      AUTH_COMMAND_IDS,
      async () => (await import('./commandsAndSignIn')).authCommands({ provider, accounts, log, ui: deploymentUi }),
      log,
    ),
  );
  const {
    model: explorer,
    provider: tree,
    view: treeView,
  } = registerExplorer(context, {
    accounts,
    log,
    ui,
    signOut: (sessionId) => provider.removeSession(sessionId),
    vsCodeClientHost: {
      callbackUri: externalCallbackUri,
      saveClientId: (key, clientId) => config.updateDeployment({ key }, { clientId }),
      signIn: async (key) => {
        await provider.createSession([`deployment:${key}`]);
      },
    },
  });
  const formatters = registerFormatters(context, { accounts, log, ui, model: explorer });
  const events = new LiveEventsController({ accounts, log, ui, bufferSize: config.eventsBufferSize });
  context.subscriptions.push(events, registerCommands(events.commands, log, ui));
  updateContext();
  void provider.reload().then(() => setContext('thingsStack.ready', true));
  return context.extensionMode === vscode.ExtensionMode.Test
    ? { testing: { hooks, accounts, provider, statusBar, log, tree, treeView, explorer, events, formatters } }
    : {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
