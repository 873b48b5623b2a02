// The context keys that drive welcome views and menus, each with the type of its value; ESLint forbids setting one
// anywhere else.
import vscode = require('vscode');
import type { AccountService } from '../auth/accountService';

export interface ContextKeys {
  /** The stored sessions were read once (the welcome views wait for it). */
  'thingsStack.ready': boolean;
  'thingsStack.hasDeployments': boolean;
  'thingsStack.signedIn': boolean;
  /** The active account of some deployment is an administrator (admin commands then ask among those only). */
  'thingsStack.isAdmin': boolean;
  /** A live events stream runs. */
  'thingsStack.eventsRunning': boolean;
  /** The paths of the workspace files the formatter commands act on (formatters/vscode/formatterFiles.ts). */
  'thingsStack.formatterFiles': string[];
}

export function setContext<K extends keyof ContextKeys>(key: K, value: ContextKeys[K]): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}

/** Keeps the keys that follow the accounts up to date. */
export function publishAccountKeys(accounts: AccountService): vscode.Disposable {
  const update = (): void => {
    const active = accounts.deployments().map((d) => accounts.activeSession(d.key));
    void setContext('thingsStack.hasDeployments', accounts.deployments().length > 0);
    void setContext('thingsStack.signedIn', accounts.all().length > 0);
    void setContext(
      'thingsStack.isAdmin',
      active.some((s) => s?.isAdmin === true),
    );
  };
  update();
  return accounts.onDidChange(update);
}
