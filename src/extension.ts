// Composition root: build the objects, register them, push every disposable. Nothing else lives here.
import vscode = require('vscode');
import { AccountService } from './auth/accountService';
import { PendingAttempts } from './auth/attempts';
import type { SignInHooks } from './auth/interactive';
import { PROVIDER_ID, PROVIDER_LABEL, TtsAuthProvider } from './auth/provider';
import { SessionRepository } from './auth/repository';
import { secretStore } from './auth/secretStore';
import { AccountStatusBar } from './auth/statusBar';
import { TokenManager } from './auth/tokens';
import { CallbackUriHandler, externalCallbackUri } from './auth/uriHandler';
import type { OAuthClient } from './auth/oauth';
import { AUTH_COMMAND_IDS } from './commands/ids';
import { registerLazyCommands } from './commands/register';
import * as config from './platform/config';
import { setContext } from './platform/contextKeys';
import { Logger } from './platform/logger';
import { registerExplorer } from './explorer/index';
import { registerLiveEvents, type LiveEventsInspector } from './events/index';
import type { ExplorerModel } from './explorer/model';
import type { ExplorerNode } from './explorer/nodeTypes';
import type { ExplorerTreeProvider } from './explorer/treeProvider';
import { JsonDocuments } from './ui/jsonDocuments';
import { VscodeUi } from './ui/vscodeUi';
import { TtsClient } from './tts/client';

/** What activate() returns: nothing for users; seams for the extension-host tests in ExtensionMode.Test. */
export interface ExtensionApi {
  testing?: {
    hooks: SignInHooks; accounts: AccountService; provider: TtsAuthProvider; statusBar: AccountStatusBar; log: Logger; tree: ExplorerTreeProvider; treeView: vscode.TreeView<ExplorerNode>; explorer: ExplorerModel;
    events: LiveEventsInspector;
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
  const deployments = (): ReturnType<typeof config.deployments> =>
    config.deployments((c, error) => log.warn(`Deployment "${c.name}" has an unusable URL (${String(error)}); skipped.`));
  const tokens: TokenManager = new TokenManager({
    repo,
    log,
    oauthFor: async (session): Promise<OAuthClient | undefined> => {
      const deployment = deployments().find((d) => d.key === session.deploymentKey);
      return deployment ? (await import('./onDemand')).oauthClientFor(deployment, session.clientId, accounts) : undefined;
    },
    onExpired: (session) => {
      statusBar.markExpired(session.accountLabel);
      void vscode.window.showWarningMessage(`Your The Things Stack session for ${session.accountLabel} expired or was revoked.`, 'Sign In')
        .then((choice) => (choice ? vscode.commands.executeCommand('thingsStack.signIn') : undefined));
    },
  });
  const userAgent = `things-stack-manager/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`;
  const accounts: AccountService = new AccountService({
    deployments,
    tokens,
    secrets,
    http: { log, userAgent },
    active: {
      get: (key) => context.globalState.get<Record<string, string>>('thingsStack.activeAccounts')?.[key],
      set: (key, id) => void context.globalState.update('thingsStack.activeAccounts', { ...context.globalState.get<Record<string, string>>('thingsStack.activeAccounts'), [key]: id }),
    },
  });
  const pending = new PendingAttempts();
  const provider = new TtsAuthProvider({
    repo,
    tokens,
    accounts,
    log,
    // Sign-in and the commands load on first use (import()), so activation parses only what it runs.
    signIn: async (deployment) => {
      const { interactiveSignIn, addDeployment } = await import('./onDemand');
      return interactiveSignIn(deployment, { accounts, pending, log, addDeployment, hooks });
    },
    revoke: async (session) => {
      const deployment = deployments().find((d) => d.key === session.deploymentKey);
      if (!deployment || !session.clientId || !session.tokenId) {
        return;
      }
      try {
        const api = new TtsClient({ baseUrl: deployment.identityServerUrl, auth: { token: async () => session.tokens.accessToken }, log, retries: 0, timeoutMs: 10_000 });
        await api.users.deleteToken(session.accountId, session.clientId, session.tokenId);
        log.info(`Revoked the access token of ${session.accountLabel} on the server.`);
      } catch (error) {
        log.warn(`Could not revoke the token of ${session.accountLabel} on the server: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  }, context.secrets);
  const statusBar = new AccountStatusBar(accounts);

  const updateContext = (): void => {
    void setContext('thingsStack.hasDeployments', accounts.deployments().length > 0);
    void setContext('thingsStack.signedIn', accounts.all().length > 0);
    void setContext('thingsStack.isAdmin', accounts.all().some((s) => s.isAdmin));
  };

  context.subscriptions.push(
    log,
    provider,
    statusBar,
    vscode.authentication.registerAuthenticationProvider(PROVIDER_ID, PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler(new CallbackUriHandler(pending, log)),
    config.onDidChange(() => accounts.fire()),
    accounts.onDidChange(updateContext),
    registerLazyCommands(AUTH_COMMAND_IDS, async () => (await import('./onDemand')).authCommands({ provider, accounts, log }), log),
  );
  // One UI for the window: its JSON documents are the only `thingsstack-json` content provider.
  const documents = new JsonDocuments();
  const ui = new VscodeUi(documents);
  context.subscriptions.push(documents);
  const { model: explorer, provider: tree, view: treeView } = registerExplorer(context, {
    accounts,
    log,
    ui,
    vsCodeClientHost: {
      callbackUri: externalCallbackUri,
      saveClientId: async (key, clientId) => config.saveDeploymentConfigs(
        config.deploymentConfigs().map((c) => (deployments().find((d) => d.key === key && d.name === c.name) ? { ...c, clientId } : c)),
      ),
      signIn: async (key) => {
        await provider.createSession([`deployment:${key}`]);
      },
    },
  });
  const events = registerLiveEvents(context, { accounts, log, ui });
  updateContext();
  void provider.reload().then(() => setContext('thingsStack.ready', true));
  return context.extensionMode === vscode.ExtensionMode.Test ? { testing: { hooks, accounts, provider, statusBar, log, tree, treeView, explorer, events } } : {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
