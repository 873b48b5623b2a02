// Commands for accounts and deployments: sign in/out, switch account, add/remove deployment, client secret,
// the status-bar menu, Console and log.
import vscode = require('vscode');
import { consoleLink, type Deployment } from '../../tts/deployments';
import { addDeployment as askForDeployment } from '../addDeployment';
import type { Ui } from '../../ui/ui';
import { validateId } from '../../tts/ids';
import {
  addDeployment as saveNewDeployment,
  deploymentConfigs,
  removeDeployment as forgetDeployment,
  updateDeployment,
} from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { showInfo, showModal } from '../../platform/notifications';
import type { AccountService } from '../../auth/accountService';
import { pickDeployment } from '../../auth/vscode/pickDeployment';
import type { TtsAuthProvider } from '../../auth/vscode/provider';
import type { StoredSession } from '../../auth/sessions';
import type { CommandEntry } from '../table';
import { UserCancelledError } from '../../util/cancellation';

export interface AuthCommandDeps {
  provider: TtsAuthProvider;
  accounts: AccountService;
  log: Logger;
  /** The Ui Add Deployment asks with (the host tests script it). */
  ui: Ui;
}

function need<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new UserCancelledError();
  }
  return value;
}

/** Add Deployment with `ui`, saved in the user's settings; the deployment added or already there with that URL. */
export function addDeployment(ui: Ui): ReturnType<typeof askForDeployment> {
  return askForDeployment({ ui, configs: deploymentConfigs, save: saveNewDeployment });
}

/** The deployment Add Deployment added (or found), for a sign-in that had none to offer. */
export async function addedDeployment(ui: Ui): Promise<Deployment> {
  return (await addDeployment(ui)).deployment;
}

async function pickSession(accounts: AccountService, placeHolder: string): Promise<StoredSession> {
  const sessions = accounts.all();
  if (sessions.length === 0) {
    void showInfo('You are not signed in to The Things Stack.');
    throw new UserCancelledError();
  }
  if (sessions.length === 1) {
    return sessions[0];
  }
  const picked = await vscode.window.showQuickPick(
    sessions.map((s) => ({
      label: s.accountLabel,
      description: s.method === 'api-key' ? 'API key' : undefined,
      session: s,
    })),
    { placeHolder },
  );
  return need(picked).session;
}

/** The accounts' command table. */
export function authCommands(deps: AuthCommandDeps): CommandEntry[] {
  const { provider, accounts, log } = deps;
  /** From a toast or another command the deployment may be named by its key; from menus the argument is a node. */
  const signIn = async (deploymentKey?: unknown): Promise<void> => {
    const session = await provider.createSession(
      typeof deploymentKey === 'string' ? [`deployment:${deploymentKey}`] : [],
    );
    void showInfo(`Signed in to The Things Stack as ${session.account.label}.`);
  };
  const signOut = async (): Promise<void> => {
    const session = await pickSession(accounts, 'Sign out which account?');
    await provider.removeSession(session.id);
  };
  const handlers: Record<string, CommandEntry['handler']> = {
    'thingsStack.signIn': signIn,
    'thingsStack.signOut': signOut,
    'thingsStack.addDeployment': async () => {
      const ui = deps.ui;
      const { deployment, isNew } = await addDeployment(ui);
      const what = isNew ? `Added ${deployment.name}.` : `"${deployment.name}" is already configured.`;
      if (accounts.activeSession(deployment.key)) {
        void ui.info(what);
        return;
      }
      // Not awaited: the command ends now; "Sign In" runs as its own command, through the same error boundary.
      void ui
        .info(what, 'Sign In')
        .then((next) => (next ? vscode.commands.executeCommand('thingsStack.signIn', deployment.key) : undefined));
    },
    'thingsStack.removeDeployment': async () => {
      const deployment = await pickDeployment(accounts, 'Remove which deployment?');
      const signedIn = accounts.sessionsOf(deployment.key);
      const detail = signedIn.length
        ? `You will be signed out of ${signedIn.map((s) => s.accountLabel).join(', ')}.`
        : undefined;
      const ok = await showModal(`Remove ${deployment.name} from VS Code?`, detail, 'Remove');
      need(ok);
      for (const session of signedIn) {
        await provider.removeSession(session.id);
      }
      await forgetDeployment(deployment);
    },
    'thingsStack.switchAccount': async () => {
      const deployment = await pickDeployment(accounts, 'Switch account on which deployment?');
      const sessions = accounts.sessionsOf(deployment.key);
      const items = [
        ...sessions.map((s) => ({
          label: s.accountLabel,
          description: s.id === accounts.activeSession(deployment.key)?.id ? 'active' : undefined,
          session: s as StoredSession | undefined,
        })),
        { label: '$(add) Sign in with another account…', session: undefined },
      ];
      const picked = need(
        await vscode.window.showQuickPick(items, { placeHolder: `Account to use on ${deployment.name}` }),
      );
      if (picked.session) {
        accounts.setActive(deployment.key, picked.session.id);
      } else {
        await provider.createSession([`deployment:${deployment.key}`]);
      }
    },
    'thingsStack.setClientSecret': async () => {
      const deployment = await pickDeployment(accounts, 'Set the OAuth client secret for which deployment?');
      let clientId = deployment.clientId;
      if (!clientId) {
        clientId = need(
          await vscode.window.showInputBox({
            title: 'OAuth Client ID',
            prompt: `The ID of your OAuth client on ${deployment.name}`,
            ignoreFocusOut: true,
            validateInput: (t) => validateId(t.trim(), 'client'),
          }),
        ).trim();
        await updateDeployment(deployment, { clientId });
      }
      const secret = need(
        await vscode.window.showInputBox({
          title: `Secret of OAuth client "${clientId}"`,
          prompt: "Kept only in VS Code's secure storage.",
          password: true,
          ignoreFocusOut: true,
          validateInput: (t) =>
            t.trim()
              ? t.length > 128
                ? 'A client secret has at most 128 characters.'
                : undefined
              : 'Paste the client secret.',
        }),
      ).trim();
      log.redactor.add(secret);
      await accounts.storeClientSecret(deployment.key, clientId, secret);
      void showInfo(`Stored the secret of "${clientId}" for ${deployment.name}.`);
    },
    'thingsStack.openConsole': async () => {
      const deployment = await pickDeployment(accounts, 'Open the Console of which deployment?');
      await vscode.env.openExternal(vscode.Uri.parse(consoleLink(deployment, { kind: 'applications' })));
    },
    'thingsStack.showLog': async () => log.show(),
    'thingsStack.showAccountMenu': async () => {
      const signedIn = accounts.all().length > 0;
      const items: (vscode.QuickPickItem & { command: string })[] = [
        { label: '$(sign-in) Sign In…', command: 'thingsStack.signIn' },
        ...(signedIn ? [{ label: '$(account) Switch Account…', command: 'thingsStack.switchAccount' }] : []),
        { label: '$(add) Add Deployment…', command: 'thingsStack.addDeployment' },
        ...(accounts.deployments().length
          ? [{ label: '$(link-external) Open Console', command: 'thingsStack.openConsole' }]
          : []),
        ...(signedIn ? [{ label: '$(sign-out) Sign Out…', command: 'thingsStack.signOut' }] : []),
      ];
      const picked = await vscode.window.showQuickPick(items, { placeHolder: 'The Things Stack' });
      if (picked) {
        await vscode.commands.executeCommand(picked.command);
      }
    },
  };
  return Object.entries(handlers).map(([id, handler]) => ({ id, handler }));
}
