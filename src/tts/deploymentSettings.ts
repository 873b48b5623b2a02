// Which `thingsStack.deployments` entries count, and how one entry is changed. A deployment says where API keys,
// OAuth codes and tokens are sent, so only the user's own (application-level) settings may define it: a cloned
// repository's `.vscode/settings.json` could otherwise add a "TTN Sandbox" that points elsewhere.
import { resolveDeployment, type DeploymentConfig } from './deployments';

/** The levels of a setting as VS Code's `inspect()` reports them. */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

function entries(value: unknown): DeploymentConfig[] {
  return Array.isArray(value)
    ? value.filter((d): d is DeploymentConfig => typeof d?.name === 'string' && typeof d?.url === 'string')
    : [];
}

/** The user's deployments: the user-level value, else the default. Workspace and folder values are ignored. */
export function userDeploymentConfigs(setting: InspectedSetting | undefined): DeploymentConfig[] {
  return entries(setting?.globalValue !== undefined ? setting.globalValue : setting?.defaultValue);
}

/** Whether a workspace or folder tried to define deployments (the caller may say it was ignored). */
export function hasWorkspaceDeployments(setting: InspectedSetting | undefined): boolean {
  return entries(setting?.workspaceValue).length > 0 || entries(setting?.workspaceFolderValue).length > 0;
}

/** A deployment by key (every entry that resolves to it, e.g. TTN Sandbox clusters), or by key and name. */
export interface DeploymentTarget {
  key: string;
  name?: string;
}

function sameDeployment(config: DeploymentConfig, deployment: DeploymentTarget): boolean {
  if (deployment.name !== undefined && config.name !== deployment.name) {
    return false;
  }
  try {
    return resolveDeployment(config).key === deployment.key;
  } catch {
    return false; // another entry's bad URL is that entry's problem, not this change's
  }
}

/** The entries with `patch` applied to those that describe `target`; every other entry is kept as it was. */
export function patchDeployments(
  configs: readonly DeploymentConfig[],
  target: DeploymentTarget,
  patch: Partial<DeploymentConfig>,
): DeploymentConfig[] {
  return configs.map((c) => (sameDeployment(c, target) ? { ...c, ...patch } : c));
}

/** The entries without those that describe `target`. */
export function withoutDeployment(configs: readonly DeploymentConfig[], target: DeploymentTarget): DeploymentConfig[] {
  return configs.filter((c) => !sameDeployment(c, target));
}
