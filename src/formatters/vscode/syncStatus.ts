// The status bar item of a linked formatter file: in sync / changed locally / changed on the server / both. The
// server is read when the file becomes active or is saved (1 request), not on every keystroke.
import vscode = require('vscode');
import type { Accounts } from '../../auth/accounts';
import { describeError } from '../../ui/errorText';
import { documentText, readFormatter } from '../deployed';
import { syncState, type SyncState } from '../syncState';
import type { WorkspaceLinks } from './links';

const LOOK: Record<SyncState, { icon: string; text: string; command?: string }> = {
  'in-sync': { icon: 'cloud', text: 'in sync' },
  'changed-locally': { icon: 'cloud-upload', text: 'changed locally', command: 'thingsStack.deployFormatter' },
  'changed-on-server': { icon: 'cloud-download', text: 'changed on server', command: 'thingsStack.compareFormatter' },
  'both-changed': { icon: 'warning', text: 'changed here and on server', command: 'thingsStack.compareFormatter' },
};

export class FormatterSyncStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'thingsStack.formatterSync',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly subscriptions: vscode.Disposable[];
  /** The server's script per linked path (undefined: not JavaScript there), read on activation of the file or save. */
  private readonly server = new Map<string, string | undefined>();
  private generation = 0;
  /** What the item shows now (tests read it). */
  current: { path: string; state: SyncState } | undefined;

  constructor(
    private readonly links: WorkspaceLinks,
    private readonly accounts: Accounts,
  ) {
    this.item.name = 'Things Stack: formatter sync state';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => void this.update(true)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d === vscode.window.activeTextEditor?.document) {
          void this.update(true);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) {
          void this.update(false);
        }
      }),
      links.onDidChange(() => void this.update(true)),
    ];
    void this.update(true);
  }

  /** Recomputes the state of the active file; `fetch` reads the server again. */
  async update(fetch: boolean): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const found = document && this.links.linkOf(document.uri);
    if (!document || !found) {
      this.current = undefined;
      this.item.hide();
      return;
    }
    const { path, link } = found;
    try {
      if (fetch || !this.server.has(path)) {
        const account = this.accounts.account(link.deployment);
        if (!account) {
          this.show(`$(cloud) ${path.split('/').pop()}: signed out`, `Sign in to ${link.deployment} to see its state.`);
          this.current = undefined;
          return;
        }
        const value = await readFormatter(account.api.formatters, {
          deploymentKey: link.deployment,
          applicationId: link.applicationId,
          deviceId: link.deviceId,
          direction: link.direction,
        });
        this.server.set(path, value.type === 'FORMATTER_JAVASCRIPT' ? documentText(value) : undefined);
      }
      if (generation !== this.generation) {
        return; // a newer update runs
      }
      const state = syncState(this.links.get(path) ?? link, document.getText(), this.server.get(path));
      const look = LOOK[state];
      this.current = { path, state };
      this.show(
        `$(${look.icon}) ${path.split('/').pop()}: ${look.text}`,
        `${path} ↔ ${link.deviceId ? `end device ${link.deviceId} of ` : ''}application ${link.applicationId} (${link.direction === 'up' ? 'uplink' : 'downlink'}) on ${link.deployment}: ${look.text}.`,
        look.command,
      );
    } catch (error) {
      if (generation === this.generation) {
        this.current = undefined;
        this.show(
          `$(cloud) ${path.split('/').pop()}: unknown`,
          `Could not read the deployed formatter: ${describeError(error)}`,
        );
      }
    }
  }

  private show(text: string, tooltip: string, command?: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
