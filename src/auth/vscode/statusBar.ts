// Status bar: `$(sign-in) The Things Stack` when signed out, `$(account) <user> · <deployment>` when signed in,
// a warning background when a session needs sign-in again. A click opens the account menu. A session that expired or
// was revoked is also said in a toast, with Sign In.
import vscode = require('vscode');
import { showWarning } from '../../platform/notifications';
import type { AccountService } from '../accountService';
import type { StoredSession } from '../sessions';

export class AccountStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };
  private expired: string | undefined;

  constructor(private readonly accounts: AccountService) {
    this.item = vscode.window.createStatusBarItem('thingsStack.account', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'The Things Stack Account';
    this.item.command = 'thingsStack.showAccountMenu';
    this.subscription = accounts.onDidChange(() => this.render());
    this.render();
    this.item.show();
  }

  /**
   * A session was removed because it expired or was revoked: a toast says so (Sign In runs the sign-in command), and
   * the item keeps saying so until the next sign-in.
   */
  sessionExpired(session: StoredSession): void {
    this.expired = session.accountLabel;
    this.render();
    void showWarning(
      `Your The Things Stack session for ${session.accountLabel} expired or was revoked.`,
      'Sign In',
    ).then((choice) => (choice ? vscode.commands.executeCommand('thingsStack.signIn') : undefined));
  }

  render(): void {
    const sessions = this.accounts.all();
    const current =
      this.accounts
        .deployments()
        .map((d) => this.accounts.activeSession(d.key))
        .find((s) => s !== undefined) ?? sessions[0];
    if (current) {
      this.expired = undefined;
      const deployment = this.accounts.deployment(current.deploymentKey);
      const more = sessions.length > 1 ? ` (+${sessions.length - 1})` : '';
      this.item.text = `$(account) ${current.accountLabel.split(' · ')[0]} · ${deployment?.name ?? current.deploymentKey}${more}`;
      this.item.tooltip = `Signed in to The Things Stack as ${current.accountLabel}${current.method === 'api-key' ? ' with an API key' : ''}. Click for account actions.`;
      this.item.backgroundColor = undefined;
    } else if (this.expired) {
      this.item.text = '$(warning) The Things Stack: sign in again';
      this.item.tooltip = `The session of ${this.expired} expired or was revoked. Click to sign in again.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = '$(sign-in) The Things Stack';
      this.item.tooltip = 'Sign in to The Things Stack';
      this.item.backgroundColor = undefined;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
