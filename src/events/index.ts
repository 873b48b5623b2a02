// VS Code side of live events: the commands, a panel per application (or device) and the `$(pulse)` status item
// that stops the stream. One stream per panel; closing the panel stops its stream.
import vscode = require('vscode');
import type { Account, Accounts } from '../auth/accounts';
import { runInBoundary } from '../commands/boundary';
import type { CommandLog } from '../commands/context';
import type { CoreLogger } from '../tts/http';
import type { VscodeUi } from '../ui/vscodeUi';
import { LiveEvents } from './liveEvents';
import { EventsPanel } from './panel';
import { EventsStatusItem } from './statusItem';

/** A tree node: an application, or one of its end devices (`kind: 'device'`). */
interface AppArg { kind?: unknown; applicationId?: unknown; deploymentKey?: unknown; device?: { ids?: { device_id?: string } } }

interface Stream { key: string; label: string; deploymentName: string; live: LiveEvents; panel: EventsPanel; started: number }

const TITLE = 'Show Live Events';

/** What the extension-host tests read: the open streams (one per panel). */
export interface LiveEventsInspector {
  streams(): { label: string; deploymentName: string; running: boolean; received: number }[];
}

export function registerLiveEvents(context: vscode.ExtensionContext, deps: { accounts: Accounts; log: CommandLog & CoreLogger & { show?(): void }; ui: VscodeUi }): LiveEventsInspector {
  const ui = deps.ui;
  const status = new EventsStatusItem();
  const streams = new Map<string, Stream>();
  let ticker: ReturnType<typeof setInterval> | undefined;
  let runningKey: boolean | undefined;
  let disposed = false;

  const running = (): Stream[] => [...streams.values()].filter((s) => s.live.isRunning).sort((a, b) => b.started - a.started);
  // Called from every snapshot, and once a second while a stream runs so the rate falls to 0 when events stop.
  const refresh = (): void => {
    if (disposed) {
      return;
    }
    const now = running();
    status.update(now.map((s) => ({ label: s.label, deploymentName: s.deploymentName, rate: () => s.live.rate() })));
    if (now.length > 0 && !ticker) {
      ticker = setInterval(refresh, 1000);
    } else if (now.length === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
    if (runningKey !== now.length > 0) {
      runningKey = now.length > 0;
      void vscode.commands.executeCommand('setContext', 'thingsStack.eventsRunning', runningKey);
    }
  };

  const start = (stream: Stream): void => {
    stream.started = Date.now();
    void stream.live.start().finally(refresh);
    refresh();
  };
  const stop = (stream: Stream): void => {
    stream.live.stop();
    refresh();
  };

  const pickAccount = async (arg: AppArg): Promise<Account> => {
    const fromNode = typeof arg.deploymentKey === 'string' ? deps.accounts.account(arg.deploymentKey) : undefined;
    if (fromNode) {
      return fromNode;
    }
    const signedIn = deps.accounts.deployments().map((d) => deps.accounts.account(d.key)).filter((a): a is Account => a !== undefined);
    if (signedIn.length === 0) {
      throw new Error('Sign in to The Things Stack first.');
    }
    return signedIn.length === 1 ? signedIn[0] : ui.pick({ title: TITLE, placeholder: 'On which deployment?', items: signedIn.map((a) => ({ label: a.deployment.name, value: a })) });
  };

  const pickApplication = async (account: Account): Promise<string> => {
    const page = await account.api.applications.list(undefined, { fields: ['name'], limit: 1000 });
    const items = page.items
      .filter((a) => a.ids?.application_id)
      .map((a) => ({ label: a.ids?.application_id ?? '', description: a.name, value: a.ids?.application_id ?? '' }));
    if (items.length === 0) {
      throw new Error(`You have no applications on ${account.deployment.name}.`);
    }
    return ui.pick({ title: TITLE, placeholder: 'Which application?', items, matchOnDescription: true });
  };

  const show = async (...args: unknown[]): Promise<void> => {
    const arg = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as AppArg;
    const account = await pickAccount(arg);
    const appId = typeof arg.applicationId === 'string' ? arg.applicationId : await pickApplication(account);
    const deviceId = arg.kind === 'device' ? arg.device?.ids?.device_id : undefined;
    const label = deviceId ? `${appId}/${deviceId}` : appId;
    const key = `${account.deployment.key}\n${label}`;
    const open = streams.get(key);
    if (open) {
      open.panel.reveal();
      if (!open.live.isRunning) {
        start(open);
      }
      return;
    }
    const capacity = vscode.workspace.getConfiguration('thingsStack').get<number>('events.bufferSize', 2000);
    const panel: EventsPanel = new EventsPanel(`Events: ${label}`, {
      live: () => (streams.get(key)?.panel === panel ? streams.get(key)?.live : undefined),
      start: () => { const s = streams.get(key); if (s?.panel === panel) { start(s); } },
      stop: () => { const s = streams.get(key); if (s?.panel === panel) { stop(s); } },
      closed: () => {
        const s = streams.get(key);
        if (s?.panel === panel) {
          streams.delete(key);
          stop(s);
        }
      },
    });
    // Events come from the cluster (Application Server / Network Server), not the Identity Server.
    const live = new LiveEvents({
      source: account.api.at(account.deployment.clusterUrl).events,
      target: { applicationId: appId, deviceId },
      capacity,
      log: deps.log,
      onUpdate: (snapshot) => {
        panel.update(snapshot);
        refresh();
      },
    });
    const stream: Stream = { key, label, deploymentName: account.deployment.name, live, panel, started: Date.now() };
    streams.set(key, stream);
    start(stream);
  };

  const stopCommand = async (): Promise<void> => {
    const now = running();
    if (now.length <= 1) {
      now.forEach(stop);
      return;
    }
    const choice = await ui.pick<Stream[]>({
      title: 'Stop Live Events', placeholder: 'Which stream?',
      items: [{ label: 'All Streams', value: now }, ...now.map((s) => ({ label: s.label, description: s.deploymentName, value: [s] }))],
    });
    choice.forEach(stop);
  };

  const boundary = { ui, log: deps.log, showLog: deps.log.show ? () => deps.log.show?.() : undefined };
  context.subscriptions.push(
    {
      dispose: () => {
        disposed = true;
        clearInterval(ticker);
        for (const s of streams.values()) {
          s.live.stop();
          s.panel.dispose();
        }
        streams.clear();
      },
    },
    status,
    vscode.commands.registerCommand('thingsStack.showEvents', (...args: unknown[]) => runInBoundary('thingsStack.showEvents', () => show(...args), boundary, ['RIGHT_APPLICATION_TRAFFIC_READ'])),
    vscode.commands.registerCommand('thingsStack.stopEvents', () => runInBoundary('thingsStack.stopEvents', stopCommand, boundary)),
  );
  return {
    streams: () => [...streams.values()].map((s) => ({ label: s.label, deploymentName: s.deploymentName, running: s.live.isRunning, received: s.live.snapshot(0).received })),
  };
}
