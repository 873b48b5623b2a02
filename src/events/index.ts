// VS Code side of live events: the commands, the panel and the `$(pulse)` status item that stops the stream.
import * as vscode from 'vscode';
import type { Account, Accounts } from '../auth/accounts';
import { runInBoundary } from '../commands/boundary';
import type { CommandLog } from '../commands/context';
import { JsonDocuments } from '../ui/jsonDocuments';
import { VscodeUi } from '../ui/vscodeUi';
import { LiveEvents } from './liveEvents';
import { EventsPanel } from './panel';

/** A tree node: an application, or one of its end devices (`kind: 'device'`). */
interface AppArg { kind?: unknown; applicationId?: unknown; deploymentKey?: unknown; device?: { ids?: { device_id?: string } } }

export function registerLiveEvents(context: vscode.ExtensionContext, deps: { accounts: Accounts; log: CommandLog & { show?(): void } }): void {
  const ui = new VscodeUi(new JsonDocuments());
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 90);
  status.command = 'thingsStack.stopEvents';
  let current: { live: LiveEvents; panel: EventsPanel; app: string; timer: ReturnType<typeof setInterval> } | undefined;

  const stop = (): void => {
    if (!current) {
      return;
    }
    const c = current;
    current = undefined;
    clearInterval(c.timer);
    c.live.stop();
    status.hide();
  };

  const pickAccount = async (arg: AppArg): Promise<Account> => {
    const signedIn = deps.accounts.deployments().map((d) => deps.accounts.account(d.key)).filter((a): a is Account => a !== undefined);
    const fromNode = typeof arg.deploymentKey === 'string' ? deps.accounts.account(arg.deploymentKey) : undefined;
    if (fromNode) {
      return fromNode;
    }
    if (signedIn.length === 0) {
      throw new Error('Sign in to The Things Stack first.');
    }
    return signedIn.length === 1 ? signedIn[0] : ui.pick({ title: 'Show Live Events', placeholder: 'On which deployment?', items: signedIn.map((a) => ({ label: a.deployment.name, value: a })) });
  };

  const show = async (...args: unknown[]): Promise<void> => {
    const arg = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as AppArg;
    const account = await pickAccount(arg);
    const appId = typeof arg.applicationId === 'string' ? arg.applicationId : await ui.searchPick<string>({
      title: 'Show Live Events', placeholder: 'Which application?', acceptText: true,
      search: async (text, signal) => (await account.api.applications.list(undefined, { fields: ['name'], limit: 100, signal })).items
        .map((a) => a.ids?.application_id ?? '').filter((id) => id.includes(text)).map((id) => ({ label: id, value: id })),
    }).then((r) => (r.kind === 'item' ? r.value : r.text.trim()));
    const deviceId = arg.kind === 'device' ? arg.device?.ids?.device_id : undefined;
    const label = deviceId ? `${appId}/${deviceId}` : appId;
    stop();
    const capacity = vscode.workspace.getConfiguration('thingsStack').get<number>('events.bufferSize', 2000);
    const panel: EventsPanel = new EventsPanel(`Events: ${label}`, (): LiveEvents | undefined => (current?.panel === panel ? current.live : undefined), () => {
      if (current?.panel === panel) {
        stop();
      }
    });
    const live = new LiveEvents({ source: account.api.at(account.deployment.clusterUrl).events, target: { applicationId: appId, deviceId }, capacity, onUpdate: (s) => panel.update(s) });
    const timer = setInterval(() => { status.text = `$(pulse) ${label}: ${live.rate()}/s`; }, 1000);
    current = { live, panel, app: label, timer };
    status.text = `$(pulse) ${label}: 0/s`;
    status.tooltip = `Live events of ${label} on ${account.deployment.name} — click to stop`;
    status.show();
    void live.start();
  };

  const boundary = { ui, log: deps.log, showLog: deps.log.show ? () => deps.log.show?.() : undefined };
  context.subscriptions.push(
    status,
    { dispose: stop },
    vscode.commands.registerCommand('thingsStack.showEvents', (...args: unknown[]) => runInBoundary('thingsStack.showEvents', () => show(...args), boundary, ['RIGHT_APPLICATION_TRAFFIC_READ'])),
    vscode.commands.registerCommand('thingsStack.stopEvents', () => stop()),
  );
}
