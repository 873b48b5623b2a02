// The live events webview of one stream: forwards snapshots to the page (the host's LiveEvents throttles them to
// ≤ 10/s) and carries out the page's toolbar. The page itself is in panelHtml.ts.
import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import type { TtsEvent } from '../../tts/types';
import { runInBoundary, type BoundaryDeps } from '../../commands/boundary';
import { showInfo } from '../../platform/notifications';
import type { LiveEvents, LiveSnapshot } from '../liveEvents';
import { html } from '../panelHtml';

/** Rows rendered per update; the buffer (and the export) keep everything. */
export const PANEL_ROWS = 300;

type FromWebview =
  | { type: 'pause' | 'resume' | 'clear' | 'export' | 'stop' | 'start' }
  | { type: 'filter'; name: string; device: string }
  | { type: 'raw'; id: string }
  | { type: 'testFormatter'; id: string };

export interface EventsPanelHost {
  /** The stream this panel shows, while the panel is the one shown for it. */
  live(): LiveEvents | undefined;
  start(): void;
  stop(): void;
  closed(): void;
  /** "Test Formatter with This Uplink" on a captured event. */
  testFormatter(event: TtsEvent): void;
}

export class EventsPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private disposed = false;

  /** `boundary`: what every command's failures go through; the page's messages are handled behind it too. */
  constructor(
    title: string,
    private readonly host: EventsPanelHost,
    boundary: BoundaryDeps,
  ) {
    this.panel = vscode.window.createWebviewPanel('thingsStack.events', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    this.panel.webview.html = html(randomBytes(16).toString('base64'), this.panel.webview.cspSource);
    this.panel.onDidDispose(() => {
      this.disposed = true;
      host.closed();
    });
    this.panel.webview.onDidReceiveMessage(
      (m: FromWebview) => void runInBoundary(`Live events (${String(m?.type)})`, () => this.handle(m), boundary),
    );
  }

  update(snapshot: LiveSnapshot): void {
    if (!this.disposed) {
      void this.panel.webview.postMessage({
        type: 'snapshot',
        snapshot: { ...snapshot, events: snapshot.events.slice(0, PANEL_ROWS) },
      });
    }
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.panel.dispose();
  }

  private async handle(message: FromWebview): Promise<void> {
    const live = this.host.live();
    if (!live) {
      return;
    }
    switch (message.type) {
      case 'pause':
        live.pause();
        break;
      case 'resume':
        live.resume();
        break;
      case 'clear':
        live.clear();
        break;
      case 'stop':
        this.host.stop();
        break;
      case 'start':
        this.host.start();
        break;
      case 'filter':
        live.setFilter({ name: message.name, device: message.device });
        break;
      case 'raw':
        void this.panel.webview.postMessage({ type: 'raw', id: message.id, raw: live.raw(message.id) });
        break;
      case 'testFormatter': {
        const event = live.raw(message.id);
        if (event) {
          this.host.testFormatter(event);
        }
        break;
      }
      case 'export': {
        const events = live.rawEvents();
        const target = await vscode.window.showSaveDialog({
          filters: { JSON: ['json'] },
          saveLabel: 'Export Events',
          defaultUri: vscode.Uri.file(`events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
        });
        if (target) {
          await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(events, null, 2)));
          void showInfo(`Exported ${events.length} events to ${target.fsPath}.`);
        }
        break;
      }
    }
  }
}
