// The `$(pulse) <app>: N/s` status bar item: shown while a stream runs, click stops it (thingsStack.stopEvents).
import vscode = require('vscode');

export interface RunningStream {
  label: string;
  deploymentName: string;
  rate(): number;
}

export class EventsStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('thingsStack.events', vscode.StatusBarAlignment.Left, 90);

  constructor() {
    this.item.name = 'Things Stack Live Events';
    this.item.command = 'thingsStack.stopEvents';
  }

  /** Newest stream first; hidden when none runs. */
  update(running: readonly RunningStream[]): void {
    const [first, ...others] = running;
    if (!first) {
      this.item.hide();
      return;
    }
    this.item.text = `$(pulse) ${first.label}: ${first.rate()}/s${others.length ? ` +${others.length}` : ''}`;
    this.item.tooltip =
      running.map((s) => `${s.label} on ${s.deploymentName}: ${s.rate()}/s`).join('\n') + '\nClick to stop';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
