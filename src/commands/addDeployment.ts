// Add Deployment: a TTN Sandbox cluster, a TTS Cloud tenant or any URL, then a name; saved in the user's settings
// unless a deployment with the same URL is already there (then that one is used).
import {
  checkDeploymentUrl,
  PRESETS,
  resolveDeployment,
  type Deployment,
  type DeploymentConfig,
} from '../tts/deployments';
import { CommandError } from '../ui/errorText';
import type { PickItem, Ui } from '../ui/ui';

export interface AddDeploymentDeps {
  ui: Ui;
  /** The deployments in the user's settings. */
  configs(): readonly DeploymentConfig[];
  save(config: DeploymentConfig): Promise<void>;
}

type Choice = { preset: DeploymentConfig } | { urlKind: 'cloud' | 'custom' };

const TITLE = 'Add a The Things Stack Deployment';

/** The deployment added, or the one already configured with that URL (`isNew` false); cancelling throws. */
export async function addDeployment(deps: AddDeploymentDeps): Promise<{ deployment: Deployment; isNew: boolean }> {
  const { ui } = deps;
  const items: PickItem<Choice>[] = [
    ...PRESETS.map((preset) => ({ label: preset.name, description: new URL(preset.url).host, value: { preset } })),
    {
      label: 'The Things Stack Cloud tenant…',
      description: '<tenant>.<cluster>.cloud.thethings.industries',
      value: { urlKind: 'cloud' },
    },
    { label: 'Self-hosted or other URL…', description: 'https://…', value: { urlKind: 'custom' } },
  ];
  const choice = await ui.pick({
    title: TITLE,
    placeholder: 'Which deployment? (TTN Sandbox eu1 is the usual start)',
    items,
  });
  const config = 'preset' in choice ? { ...choice.preset } : await askUrlAndName(ui, choice.urlKind);
  const resolved = resolveDeployment(config);
  const clash = deps.configs().find((c) => {
    try {
      return resolveDeployment(c).key === resolved.key && c.url === config.url;
    } catch {
      return false;
    }
  });
  if (clash) {
    return { deployment: resolveDeployment(clash), isNew: false };
  }
  await deps.save(config);
  return { deployment: resolved, isNew: true };
}

async function askUrlAndName(ui: Ui, urlKind: 'cloud' | 'custom'): Promise<DeploymentConfig> {
  const url = await ui.input({
    title: TITLE,
    prompt:
      urlKind === 'cloud'
        ? 'Your TTS Cloud URL, e.g. https://mycompany.eu1.cloud.thethings.industries'
        : 'The URL of the deployment, e.g. https://lorawan.example.com',
    quietWhenEmpty: true,
    validate: (text) => {
      const check = checkDeploymentUrl(text);
      return check.ok ? undefined : { severity: 'error', message: check.message };
    },
  });
  const check = checkDeploymentUrl(url);
  if (!check.ok) {
    throw new CommandError(check.message); // the box refuses such a URL; a scripted answer may not
  }
  const name = await ui.input({
    title: TITLE,
    prompt: 'A name for this deployment',
    value: check.suggestedName,
    validate: (t) => (t.trim() ? undefined : { severity: 'error', message: 'A name is required.' }),
  });
  return { name: name.trim(), url: check.url };
}
