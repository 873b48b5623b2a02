// The one owner of the configured deployments: the settings are read once, and again when they change (not per
// call: the explorer asks for every row); an entry whose URL fails the checks of Add Deployment is left out, and the
// user hears why once per problem, not on every read. vscode-free; platform/config.ts feeds it the settings.
import { Emitter, type Disposable } from '../util/events';
import { errorMessage } from '../util/errorMessage';
import { resolveDeployment, type Deployment, type DeploymentConfig } from './deployments';

/** What the deployments' users read: the list, and one deployment by key. */
export interface Deployments {
  all(): readonly Deployment[];
  get(key: string): Deployment | undefined;
}

/** A fixed list (tests, and callers that already hold the deployments). */
export function fixedDeployments(list: readonly Deployment[]): Deployments {
  return { all: () => list, get: (key) => list.find((d) => d.key === key) };
}

/** The settings as read: the user's entries, and whether a workspace tried to define some (it is ignored). */
export interface DeploymentSettings {
  configs: readonly DeploymentConfig[];
  workspaceDefined: boolean;
}

export interface DeploymentListOptions {
  read(): DeploymentSettings;
  log: { warn(message: string): void };
  /** Tells the user (a toast): an entry they wrote is not used. */
  notify(message: string): void;
}

export const WORKSPACE_IGNORED =
  "This workspace's settings define thingsStack.deployments; they are ignored: deployments come from your user settings only.";

export class DeploymentList implements Deployments, Disposable {
  private list: readonly Deployment[] = [];
  private signature: string | undefined;
  private readonly reported = new Set<string>();
  private readonly changes = new Emitter<void>();
  /** Fires when the deployments changed (not when another setting did). */
  readonly onDidChange = this.changes.event;

  constructor(private readonly options: DeploymentListOptions) {
    this.reload();
  }

  all(): readonly Deployment[] {
    return this.list;
  }

  get(key: string): Deployment | undefined {
    return this.list.find((d) => d.key === key);
  }

  /** Reads the settings again (they changed); fires when the deployments differ from before. */
  reload(): void {
    const settings = this.options.read();
    if (settings.workspaceDefined) {
      this.report(WORKSPACE_IGNORED, false);
    }
    const list: Deployment[] = [];
    for (const config of settings.configs) {
      try {
        list.push(resolveDeployment(config));
      } catch (error) {
        this.report(`The deployment "${config.name}" in your settings is not used: ${errorMessage(error)}`, true);
      }
    }
    const signature = JSON.stringify(list);
    if (signature !== this.signature) {
      const first = this.signature === undefined;
      this.signature = signature;
      this.list = list;
      if (!first) {
        this.changes.fire();
      }
    }
  }

  /** Each problem once: a later read (every settings change) does not repeat it. */
  private report(message: string, notify: boolean): void {
    if (this.reported.has(message)) {
      return;
    }
    this.reported.add(message);
    this.options.log.warn(message);
    if (notify) {
      this.options.notify(message);
    }
  }

  dispose(): void {
    this.changes.dispose();
  }
}
