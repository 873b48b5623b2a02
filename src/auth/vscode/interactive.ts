// Interactive sign-in: pick the deployment and the method, run it under cancellable progress, and after a
// failure or timeout offer "Try Another Way". Loaded with the first sign-in (extension.ts; see esbuild.mjs).
import vscode = require('vscode');
import { TtsClient } from '../../tts/client';
import type { Deployment } from '../../tts/deployments';
import type { Logger } from '../../platform/logger';
import type { AccountService } from '../accountService';
import type { PendingAttempts } from '../attempts';
import { chooseFlows, otherFlows, type Flow } from '../flows';
import { CLI_CLIENT_ID, OAuthClient } from '../oauth';
import { oauthClientFor } from '../oauthClients';
import type { StoredSession } from '../sessions';
import { signIn, type SignInUi } from '../signIn';
import { signInFailureReason, signInFailureText } from '../signInFailure';
import { pickDeployment } from './pickDeployment';
import { pickFlow, vscodeSignInUi } from './signInUi';
import { showError, withCancellableProgress } from '../../platform/notifications';
import { isCancellation } from '../../util/cancellation';
import type { Ui } from '../../ui/ui';

export interface InteractiveDeps {
  accounts: AccountService;
  pending: PendingAttempts;
  log: Logger;
  /** Asked when no deployment is configured yet: the one added (cancelling throws). */
  addDeployment(): Promise<Deployment>;
  /** Seams for the extension-host tests (set only in ExtensionMode.Test). */
  hooks?: SignInHooks;
}

export interface SignInHooks {
  ui?(deploymentName: string): SignInUi;
  pickFlow?(flows: readonly Flow[]): Flow;
  /** The Ui Add Deployment asks with. */
  deploymentUi?: Ui;
}

/**
 * The own client's redirect URIs, read with a session already on the deployment (any user may read them, §2.2);
 * undefined when there is none or they cannot be read within a few seconds, and the check is skipped.
 */
async function registeredRedirectUris(
  deployment: Deployment,
  accounts: AccountService,
  signal: AbortSignal,
): Promise<readonly string[] | undefined> {
  const account = deployment.clientId ? accounts.account(deployment.key) : undefined;
  if (!account || !deployment.clientId) {
    return undefined;
  }
  try {
    const client = await account.api.clients.get(
      deployment.clientId,
      ['redirect_uris'],
      AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
    );
    return client.redirect_uris;
  } catch {
    return undefined;
  }
}

/** Asks for the secret of the deployment's own client (the user chose to sign in with it) and keeps it. */
async function askClientSecret(
  deployment: Deployment,
  clientId: string,
  accounts: AccountService,
): Promise<OAuthClient> {
  const secret = await vscode.window.showInputBox({
    title: `Secret of OAuth client "${clientId}"`,
    prompt: `The secret The Things Stack showed when "${clientId}" was created. It is kept in VS Code's secure storage only.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Paste the client secret, or press Escape to cancel.'),
  });
  if (secret === undefined) {
    throw new vscode.CancellationError();
  }
  await accounts.storeClientSecret(deployment.key, clientId, secret.trim());
  return new OAuthClient({ identityServerUrl: deployment.identityServerUrl, clientId, clientSecret: secret.trim() });
}

export async function interactiveSignIn(target: Deployment | undefined, deps: InteractiveDeps): Promise<StoredSession> {
  const deployment =
    target ?? (await pickDeployment(deps.accounts, 'Sign in to which deployment?', deps.addDeployment));
  let own = await oauthClientFor(deployment, deployment.clientId, deps.accounts);
  const cli = new OAuthClient({ identityServerUrl: deployment.identityServerUrl, clientId: CLI_CLIENT_ID });
  const clientInfo = { clientId: deployment.clientId, hasSecret: own !== undefined && own.clientId !== CLI_CLIENT_ID };
  const host = {
    ui: vscode.env.uiKind === vscode.UIKind.Web ? ('web' as const) : ('desktop' as const),
    remote: Boolean(vscode.env.remoteName),
  };
  const flows = chooseFlows(host, clientInfo);
  const pick = (choices: readonly Flow[], title: string): Promise<Flow> =>
    deps.hooks?.pickFlow ? Promise.resolve(deps.hooks.pickFlow(choices)) : pickFlow(choices, title);
  let flow: Flow = await pick(flows, `Sign in to ${deployment.name}`);
  for (;;) {
    if (flow.needsSecret && deployment.clientId) {
      own = await askClientSecret(deployment, deployment.clientId, deps.accounts);
      flow = { ...flow, needsSecret: false };
    }
    try {
      return await withCancellableProgress(`Signing in to ${deployment.name}…`, (signal) =>
        signIn(
          flow,
          {
            deployment,
            pending: deps.pending,
            ui: deps.hooks?.ui?.(deployment.name) ?? vscodeSignInUi(deployment.name),
            oauth: (client) => (client === 'own' && own ? own : cli),
            registeredRedirectUris: (s) => registeredRedirectUris(deployment, deps.accounts, s),
            identify: (token, s) =>
              new TtsClient({
                baseUrl: deployment.identityServerUrl,
                auth: { token: async () => token },
              }).users.identity(s),
          },
          signal,
        ),
      );
    } catch (error) {
      if (isCancellation(error)) {
        deps.log.info(`Sign-in to ${deployment.name} cancelled.`);
        throw new vscode.CancellationError();
      }
      deps.log.warn(`Sign-in to ${deployment.name} with "${flow.label}" failed: ${signInFailureReason(error)}`);
      const others = otherFlows(flows, flow);
      const again = await showError(signInFailureText(error), 'Try Another Way', 'Retry');
      if (again === 'Retry') {
        continue;
      }
      if (again !== 'Try Another Way') {
        throw new vscode.CancellationError();
      }
      flow = await pick(others, 'Try another way to sign in');
    }
  }
}
