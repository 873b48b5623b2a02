// Typed access to the extension's settings, and the deployments they describe.
import vscode = require('vscode');
import { resolveDeployment, type Deployment, type DeploymentConfig } from '../tts/deployments';

const SECTION = 'thingsStack';

export function deploymentConfigs(): DeploymentConfig[] {
  const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>('deployments', []);
  return Array.isArray(raw) ? raw.filter((d): d is DeploymentConfig => typeof d?.name === 'string' && typeof d?.url === 'string') : [];
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
