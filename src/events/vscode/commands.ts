// The live-events commands, registered at activation: the controller (streams, panels, the status item) and the
// panel's code load with the first run of one (on first use, see esbuild.mjs).
import type * as vscode from 'vscode';
import type { Accounts } from '../../auth/accounts';
import type { CommandLog } from '../../commands/context';
import type { CommandEntry } from '../../commands/table';
import type { CoreLogger } from '../../tts/http';
import type { Ui } from '../../ui/ui';
import type { LiveEventsController } from './controller';

/** What the extension-host tests read: the open streams (one per panel). */
export interface LiveEventsInspector {
  streams(): { label: string; deploymentName: string; running: boolean; received: number }[];
}

export interface LiveEventsDeps {
  accounts: Accounts;
  log: CommandLog & CoreLogger & { show?(): void };
  ui: Ui;
  /** `thingsStack.events.bufferSize` as set (LiveEvents checks it). */
  bufferSize(): unknown;
}

export class LiveEventsCommands implements LiveEventsInspector, vscode.Disposable {
  private controller: Promise<LiveEventsController> | undefined;
  private created: LiveEventsController | undefined;
  private disposed = false;

  constructor(private readonly deps: LiveEventsDeps) {}

  readonly commands: readonly CommandEntry[] = [
    {
      id: 'thingsStack.showEvents',
      handler: async (...args) => (await this.started()).show(args[0]),
      rights: ['RIGHT_APPLICATION_TRAFFIC_READ'],
    },
    // Nothing runs before the controller exists: Stop has nothing to stop until then.
    { id: 'thingsStack.stopEvents', handler: async () => this.created?.stopSome() },
  ];

  streams(): ReturnType<LiveEventsInspector['streams']> {
    return this.created?.streams() ?? [];
  }

  private started(): Promise<LiveEventsController> {
    this.controller ??= import('./controller').then(({ LiveEventsController }) => {
      if (this.disposed) {
        throw new Error('The extension was deactivated.');
      }
      this.created = new LiveEventsController(this.deps);
      return this.created;
    });
    return this.controller;
  }

  dispose(): void {
    this.disposed = true;
    this.created?.dispose();
  }
}
