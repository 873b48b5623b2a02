// Typed access to the extension's settings, and the deployments they describe.
import vscode = require('vscode');
import { resolveDeployment, type Deployment, type DeploymentConfig } from '../tts/deployments';
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

/** Whether a workspace or folder tried to define deployments (ignored; see deploymentConfigs). */
export function workspaceDeploymentsIgnored(): boolean {
  return hasWorkspaceDeployments(vscode.workspace.getConfiguration(SECTION).inspect('deployments'));
}

/** Deployments from the settings; entries with an unusable URL are skipped (and reported by the caller). */
export function deployments(onInvalid?: (config: DeploymentConfig, error: unknown) => void): Deployment[] {
  const out: Deployment[] = [];
  for (const config of deploymentConfigs()) {
    try {
      out.push(resolveDeployment(config));
    } catch (error) {
      onInvalid?.(config, error);
    }
  }
  return out;
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
