// Typed access to the extension's settings, and the deployments they describe.
import vscode = require('vscode');
import { DeploymentList, type DeploymentSettings } from '../tts/deploymentList';
import type { DeploymentConfig } from '../tts/deployments';
import { showWarning } from './notifications';
import {
  hasWorkspaceDeployments,
  patchDeployments,
  userDeploymentConfigs,
  withoutDeployment,
  type DeploymentTarget,
} from '../tts/deploymentSettings';

const SECTION = 'thingsStack';

/** The user's own deployments only: a workspace's settings never say where credentials go (see deploymentSettings). */
export function deploymentConfigs(): DeploymentConfig[] {
  return userDeploymentConfigs(vscode.workspace.getConfiguration(SECTION).inspect('deployments'));
}

/** The user's deployments, and whether a workspace or folder tried to define some (ignored; see deploymentConfigs). */
function readDeploymentSettings(): DeploymentSettings {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect('deployments');
  return { configs: userDeploymentConfigs(inspected), workspaceDefined: hasWorkspaceDeployments(inspected) };
}

/** The deployments of the settings (tts/deploymentList.ts): read now, and again on every change of the settings. */
export class SettingsDeployments extends DeploymentList implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(log: { warn(message: string): void }) {
    super({ read: readDeploymentSettings, log, notify: (message) => void showWarning(message) });
    this.subscription = onDidChange(() => this.reload());
  }

  override dispose(): void {
    this.subscription.dispose();
    super.dispose();
  }
}

/** Every change of `thingsStack.deployments` goes through these three, to the user's settings. */
async function save(configs: DeploymentConfig[]): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('deployments', configs, vscode.ConfigurationTarget.Global);
}

export function addDeployment(config: DeploymentConfig): Promise<void> {
  return save([...deploymentConfigs(), config]);
}

/** Applies `patch` (e.g. `{ clientId }`) to the entries that describe `target`; another entry's bad URL is left alone. */
export function updateDeployment(target: DeploymentTarget, patch: Partial<DeploymentConfig>): Promise<void> {
  return save(patchDeployments(deploymentConfigs(), target, patch));
}

export function removeDeployment(target: DeploymentTarget): Promise<void> {
  return save(withoutDeployment(deploymentConfigs(), target));
}

/** As set: the value is checked where it is used (events/bufferSize.ts), since VS Code does not enforce its range. */
export function eventsBufferSize(): unknown {
  return vscode.workspace.getConfiguration(SECTION).get<unknown>('events.bufferSize');
}

export function pageSize(): number {
  return vscode.workspace.getConfiguration(SECTION).get<number>('pageSize', 100);
}

export function onDidChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) {
      listener();
    }
  });
}
