// Typed access to the extension's settings, and the deployments they describe.
import * as vscode from 'vscode';
import { resolveDeployment, type Deployment, type DeploymentConfig } from '../tts/deployments';
import { hasWorkspaceDeployments, userDeploymentConfigs } from '../tts/deploymentSettings';

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

export async function saveDeploymentConfigs(configs: DeploymentConfig[]): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('deployments', configs, vscode.ConfigurationTarget.Global);
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
