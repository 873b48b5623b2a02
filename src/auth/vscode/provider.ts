// The one AuthenticationProvider for The Things Stack ('thingsstack'). Thin: the snapshot, events, sign-in and
// sign-out live in ProviderCore (vscode-free, providerCore.ts); this class maps them onto VS Code's contract and
// feeds it SecretStorage.onDidChange, which keeps windows in sync. Scopes name the deployment:
// ['deployment:eu1.cloud.thethings.network'].
import vscode = require('vscode');
import type { Logger } from '../../platform/logger';
import { showInfo } from '../../platform/notifications';
import { ProviderCore, type ProviderCoreDeps } from '../providerCore';

export const PROVIDER_ID = 'thingsstack';
export const PROVIDER_LABEL = 'The Things Stack';

export type ProviderDeps = Omit<ProviderCoreDeps, 'log' | 'notify'> & { log: Logger };

export class TtsAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  private readonly core: ProviderCore;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(deps: ProviderDeps, secrets: vscode.SecretStorage) {
    this.core = new ProviderCore({ ...deps, notify: (message) => void showInfo(message) });
    this.disposables.push(
      this.changes,
      this.core.onDidChangeSessions((change) => this.changes.fire(change)),
      secrets.onDidChange((e) => this.core.secretChanged(e.key)),
      this.core,
    );
  }

  /** Re-reads storage and fires added/removed/changed for what differs from the last snapshot. */
  reload(): Promise<void> {
    return this.core.reload();
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    return this.core.getSessions(scopes);
  }

  createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    return this.core.createSession(scopes);
  }

  removeSession(sessionId: string): Promise<void> {
    return this.core.removeSession(sessionId);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
