// Live events in the window: one stream and one panel per application (or device), the `$(pulse)` status item and
// the `thingsStack.eventsRunning` context key. Closing a panel stops its stream. Created with the first run of one of
// its two commands (commands.ts).
import vscode = require('vscode');
import type { Account } from '../../auth/accounts';
import { boundaryDeps } from '../../commands/boundary';
import { setContext } from '../../platform/contextKeys';
import { CommandError } from '../../ui/errorText';
import { LiveEvents } from '../liveEvents';
import { EventsPanel } from './panel';
import type { LiveEventsDeps, LiveEventsInspector } from './commands';
import { EventsStatusItem } from './statusItem';

/** A tree node: an application, or one of its end devices (`kind: 'device'`). */
interface AppArg {
  kind?: unknown;
  applicationId?: unknown;
  deploymentKey?: unknown;
  device?: { ids?: { device_id?: string } };
}

interface Stream {
  key: string;
  label: string;
  deploymentName: string;
  live: LiveEvents;
  panel: EventsPanel;
  started: number;
}

const TITLE = 'Show Live Events';

export class LiveEventsController implements LiveEventsInspector, vscode.Disposable {
  private readonly status = new EventsStatusItem();
  private readonly open = new Map<string, Stream>();
  private ticker: ReturnType<typeof setInterval> | undefined;
  private runningKey: boolean | undefined;
  private disposed = false;

  constructor(private readonly deps: LiveEventsDeps) {}

  streams(): ReturnType<LiveEventsInspector['streams']> {
    return [...this.open.values()].map((s) => ({
      label: s.label,
      deploymentName: s.deploymentName,
      running: s.live.isRunning,
      received: s.live.snapshot(0).received,
    }));
  }

  /** Opens (or reveals, restarting if stopped) the stream of an application or one device. */
  async show(given: unknown): Promise<void> {
    const arg = (typeof given === 'object' && given !== null ? given : {}) as AppArg;
    const account = await this.pickAccount(arg);
    const appId = typeof arg.applicationId === 'string' ? arg.applicationId : await this.pickApplication(account);
    const deviceId = arg.kind === 'device' ? arg.device?.ids?.device_id : undefined;
    const label = deviceId ? `${appId}/${deviceId}` : appId;
    const key = `${account.deployment.key}\n${label}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      if (!existing.live.isRunning) {
        this.start(existing);
      }
      return;
    }
    const current = (): Stream | undefined => {
      const s = this.open.get(key);
      return s?.panel === panel ? s : undefined;
    };
    const panel: EventsPanel = new EventsPanel(
      `Events: ${label}`,
      {
        live: () => current()?.live,
        start: () => {
          const s = current();
          if (s) {
            this.start(s);
          }
        },
        stop: () => {
          const s = current();
          if (s) {
            this.stop(s);
          }
        },
        closed: () => {
          const s = current();
          if (s) {
            this.open.delete(key);
            this.stop(s);
          }
        },
        testFormatter: (event) =>
          void vscode.commands.executeCommand('thingsStack.testFormatterWithUplink', {
            deploymentKey: account.deployment.key,
            event,
          }),
      },
      boundaryDeps(this.deps.ui, this.deps.log),
    );
    // Events come from the cluster (Application Server / Network Server), not the Identity Server.
    const live = new LiveEvents({
      source: account.api.at(account.deployment.clusterUrl).events,
      target: { applicationId: appId, deviceId },
      capacity: this.deps.bufferSize(),
      log: this.deps.log,
      onUpdate: (snapshot) => {
        panel.update(snapshot);
        this.refresh();
      },
    });
    if (live.capacityProblem) {
      void this.deps.ui.warn(live.capacityProblem);
    }
    const stream: Stream = { key, label, deploymentName: account.deployment.name, live, panel, started: Date.now() };
    this.open.set(key, stream);
    this.start(stream);
  }

  /** Stops the one running stream, or the ones the user picks. */
  async stopSome(): Promise<void> {
    const now = this.running();
    if (now.length <= 1) {
      now.forEach((s) => this.stop(s));
      return;
    }
    const choice = await this.deps.ui.pick<Stream[]>({
      title: 'Stop Live Events',
      placeholder: 'Which stream?',
      items: [
        { label: 'All Streams', value: now },
        ...now.map((s) => ({ label: s.label, description: s.deploymentName, value: [s] })),
      ],
    });
    choice.forEach((s) => this.stop(s));
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.ticker);
    for (const s of this.open.values()) {
      s.live.stop();
      s.panel.dispose();
    }
    this.open.clear();
    this.status.dispose();
  }

  private running(): Stream[] {
    return [...this.open.values()].filter((s) => s.live.isRunning).sort((a, b) => b.started - a.started);
  }

  private start(stream: Stream): void {
    stream.started = Date.now();
    void stream.live.start().finally(() => this.refresh());
    this.refresh();
  }

  private stop(stream: Stream): void {
    stream.live.stop();
    this.refresh();
  }

  /** After every snapshot, and once a second while a stream runs so the rate falls to 0 when events stop. */
  private refresh(): void {
    if (this.disposed) {
      return;
    }
    const now = this.running();
    this.status.update(
      now.map((s) => ({ label: s.label, deploymentName: s.deploymentName, rate: () => s.live.rate() })),
    );
    if (now.length > 0 && !this.ticker) {
      this.ticker = setInterval(() => this.refresh(), 1000);
    } else if (now.length === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    if (this.runningKey !== now.length > 0) {
      this.runningKey = now.length > 0;
      void setContext('thingsStack.eventsRunning', this.runningKey);
    }
  }

  private async pickAccount(arg: AppArg): Promise<Account> {
    const accounts = this.deps.accounts;
    const fromNode = typeof arg.deploymentKey === 'string' ? accounts.account(arg.deploymentKey) : undefined;
    if (fromNode) {
      return fromNode;
    }
    const signedIn = accounts
      .deployments()
      .map((d) => accounts.account(d.key))
      .filter((a): a is Account => a !== undefined);
    if (signedIn.length === 0) {
      throw new CommandError('Sign in to The Things Stack first.');
    }
    return signedIn.length === 1
      ? signedIn[0]
      : this.deps.ui.pick({
          title: TITLE,
          placeholder: 'On which deployment?',
          items: signedIn.map((a) => ({ label: a.deployment.name, value: a })),
        });
  }

  private async pickApplication(account: Account): Promise<string> {
    const page = await account.api.applications.list(undefined, { fields: ['name'], limit: 1000 });
    const items = page.items
      .filter((a) => a.ids?.application_id)
      .map((a) => ({ label: a.ids?.application_id ?? '', description: a.name, value: a.ids?.application_id ?? '' }));
    if (items.length === 0) {
      throw new CommandError(`You have no applications on ${account.deployment.name}.`);
    }
    return this.deps.ui.pick({ title: TITLE, placeholder: 'Which application?', items, matchOnDescription: true });
  }
}
