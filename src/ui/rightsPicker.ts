// The rights picker shared by OAuth clients, API keys and collaborators: the contract's Right enum grouped by
// entity, each "all" pseudo-right spelled out, and presets for common roles. The first prompt offers presets; only
// "Choose Individually…" opens the full multi-select list.
import {
  ALL_RIGHTS,
  GROUP_LABELS,
  explain,
  groupOf,
  isPseudoRight,
  rightLabel,
  rightsOfGroup,
  type Right,
  type RightGroup,
} from '../tts/rights';
import { isGoBack } from '../util/cancellation';
import type { PickItem, StepInfo, Ui } from './ui';

/**
 * What the rights are for: an OAuth client's token rights, application API keys / collaborators, client
 * collaborators, a user's own API keys, an organization's API keys / collaborators.
 */
export type RightsScope = 'client' | 'application' | 'clientCollaborator' | 'user' | 'organization';

export interface RightsPreset {
  label: string;
  detail: string;
  rights: Right[];
}

const GROUPS: Record<RightsScope, RightGroup[]> = {
  client: ['user', 'application', 'client', 'gateway', 'organization', 'other'],
  application: ['application'],
  clientCollaborator: ['client'],
  user: ['user', 'application', 'client', 'gateway', 'organization', 'other'],
  organization: ['organization', 'application', 'client', 'gateway'],
};

/** A user's applications with their devices and traffic, read only (a client's and a personal key's preset). */
const READ_APPLICATION_DATA: readonly Right[] = [
  'RIGHT_USER_INFO',
  'RIGHT_USER_APPLICATIONS_LIST',
  'RIGHT_APPLICATION_INFO',
  'RIGHT_APPLICATION_DEVICES_READ',
  'RIGHT_APPLICATION_TRAFFIC_READ',
];

export const PRESETS: Record<RightsScope, RightsPreset[]> = {
  client: [
    { label: 'Sign-In Only', detail: "Read the user's profile; nothing else.", rights: ['RIGHT_USER_INFO'] },
    {
      label: 'Application Manager',
      detail: "List and create the user's applications and manage them fully.",
      rights: [
        'RIGHT_USER_INFO',
        'RIGHT_USER_APPLICATIONS_LIST',
        'RIGHT_USER_APPLICATIONS_CREATE',
        'RIGHT_APPLICATION_ALL',
      ],
    },
    {
      label: 'Application Data Reader',
      detail: "List the user's applications and read their devices and traffic.",
      rights: [...READ_APPLICATION_DATA],
    },
    {
      label: 'Gateway Manager',
      detail: "List and create the user's gateways and manage them fully.",
      rights: ['RIGHT_USER_INFO', 'RIGHT_USER_GATEWAYS_LIST', 'RIGHT_USER_GATEWAYS_CREATE', 'RIGHT_GATEWAY_ALL'],
    },
  ],
  application: [
    {
      label: 'Read Only',
      detail: 'View the application, its devices and its traffic.',
      rights: ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_DEVICES_READ', 'RIGHT_APPLICATION_TRAFFIC_READ'],
    },
    {
      label: 'Integration',
      detail: 'Read uplinks and send downlinks (MQTT, webhooks).',
      rights: ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_TRAFFIC_READ', 'RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE'],
    },
    {
      label: 'Device Manager',
      detail: 'Register, change and remove end devices.',
      rights: [
        'RIGHT_APPLICATION_INFO',
        'RIGHT_APPLICATION_DEVICES_READ',
        'RIGHT_APPLICATION_DEVICES_WRITE',
        'RIGHT_APPLICATION_TRAFFIC_READ',
      ],
    },
    {
      label: 'Administrator',
      detail: 'Every current and future application right.',
      rights: ['RIGHT_APPLICATION_ALL'],
    },
  ],
  clientCollaborator: [
    { label: 'Viewer', detail: "See the client's settings.", rights: ['RIGHT_CLIENT_INFO'] },
    {
      label: 'Editor',
      detail: "See and change the client's settings.",
      rights: ['RIGHT_CLIENT_INFO', 'RIGHT_CLIENT_SETTINGS_BASIC'],
    },
    {
      label: 'Owner',
      detail: 'Every current and future client right, including deleting it.',
      rights: ['RIGHT_CLIENT_ALL'],
    },
  ],
  user: [
    {
      label: 'Read Only',
      detail: 'See your profile, your applications and their devices and traffic.',
      rights: [...READ_APPLICATION_DATA],
    },
    {
      label: 'Application Manager',
      detail: 'List and create your applications and manage them fully.',
      rights: [
        'RIGHT_USER_INFO',
        'RIGHT_USER_APPLICATIONS_LIST',
        'RIGHT_USER_APPLICATIONS_CREATE',
        'RIGHT_APPLICATION_ALL',
      ],
    },
    {
      label: 'Everything',
      detail: 'Every current and future right you have: treat the key like your password.',
      rights: ['RIGHT_ALL'],
    },
  ],
  organization: [
    {
      label: 'Read Only',
      detail: 'See the organization and list its applications, gateways and OAuth clients.',
      rights: [
        'RIGHT_ORGANIZATION_INFO',
        'RIGHT_ORGANIZATION_APPLICATIONS_LIST',
        'RIGHT_ORGANIZATION_GATEWAYS_LIST',
        'RIGHT_ORGANIZATION_CLIENTS_LIST',
      ],
    },
    {
      label: 'Application Manager',
      detail: "List and create the organization's applications and manage them fully.",
      rights: [
        'RIGHT_ORGANIZATION_INFO',
        'RIGHT_ORGANIZATION_APPLICATIONS_LIST',
        'RIGHT_ORGANIZATION_APPLICATIONS_CREATE',
        'RIGHT_APPLICATION_ALL',
      ],
    },
    {
      label: 'Administrator',
      detail: 'Every current and future right on the organization and what it owns.',
      rights: ['RIGHT_ORGANIZATION_ALL', 'RIGHT_APPLICATION_ALL', 'RIGHT_CLIENT_ALL', 'RIGHT_GATEWAY_ALL'],
    },
  ],
};

/** "All application rights" for RIGHT_APPLICATION_ALL, "All rights" for RIGHT_ALL. */
export function pseudoLabel(right: Right): string {
  if (right === 'RIGHT_ALL') {
    return 'All Rights';
  }
  return `All ${GROUP_LABELS[groupOf(right)]} Rights`;
}

/** What a pseudo-right stands for, spelled out. */
export function pseudoDetail(right: Right): string {
  if (right === 'RIGHT_ALL') {
    return `Every current and future right on every entity (${ALL_RIGHTS.filter((r) => !isPseudoRight(r)).length} today).`;
  }
  const concrete = rightsOfGroup(groupOf(right));
  return `Every current and future ${GROUP_LABELS[groupOf(right)].toLowerCase()} right: ${concrete.map(rightLabel).join(', ')}.`;
}

export function rightsInScope(scope: RightsScope): Right[] {
  return ALL_RIGHTS.filter((r) => GROUPS[scope].includes(groupOf(r)));
}

/** The multi-select items: one separator per entity, its "all" pseudo-right first, then each right. */
export function rightsPickItems(scope: RightsScope, selected: readonly string[]): PickItem<Right>[] {
  const chosen = new Set(selected);
  const items: PickItem<Right>[] = [];
  for (const group of GROUPS[scope]) {
    const rights = ALL_RIGHTS.filter((r) => groupOf(r) === group);
    if (rights.length === 0) {
      continue;
    }
    items.push({ label: `${GROUP_LABELS[group]} rights`, value: rights[0], separator: true });
    const ordered = [...rights.filter(isPseudoRight), ...rights.filter((r) => !isPseudoRight(r))];
    for (const right of ordered) {
      const pseudo = isPseudoRight(right);
      items.push({
        label: pseudo ? pseudoLabel(right) : rightLabel(right),
        description: right,
        detail: pseudo ? pseudoDetail(right) : explain(right),
        picked: chosen.has(right),
        value: right,
      });
    }
  }
  return items;
}

/** Drops rights already covered by a chosen pseudo-right, so the stored list says what was meant. */
export function compactRights(rights: readonly Right[]): Right[] {
  if (rights.includes('RIGHT_ALL')) {
    return ['RIGHT_ALL'];
  }
  const allGroups = new Set(rights.filter(isPseudoRight).map(groupOf));
  const unique = [...new Set(rights)];
  return ALL_RIGHTS.filter((r) => unique.includes(r) && (isPseudoRight(r) || !allGroups.has(groupOf(r))));
}

export interface PickRightsOptions {
  title: string;
  scope: RightsScope;
  /** The rights now held (editing); offers "Keep Current Rights". */
  current?: readonly string[];
  step?: StepInfo;
}

type PresetChoice = { kind: 'preset'; rights: Right[] } | { kind: 'custom' } | { kind: 'keep' };

/** Asks for rights: a preset, the current ones, or an individual selection (at least one). */
export async function pickRights(ui: Ui, options: PickRightsOptions): Promise<Right[]> {
  for (;;) {
    const items: PickItem<PresetChoice>[] = [];
    if (options.current && options.current.length > 0) {
      items.push({
        label: 'Keep Current Rights',
        description: `${options.current.length} right(s)`,
        detail: options.current.join(', '),
        value: { kind: 'keep' },
      });
    }
    for (const preset of PRESETS[options.scope]) {
      items.push({
        label: preset.label,
        description: preset.rights.join(', '),
        detail: preset.detail,
        value: { kind: 'preset', rights: preset.rights },
      });
    }
    items.push({
      label: 'Choose Individually…',
      detail: 'Pick each right from the full list, grouped by entity.',
      value: { kind: 'custom' },
    });
    const choice = await ui.pick({
      title: options.title,
      step: options.step,
      placeholder: 'Choose the rights to grant',
      items,
    });
    if (choice.kind === 'keep') {
      return compactRights((options.current ?? []).filter((r): r is Right => ALL_RIGHTS.includes(r as Right)));
    }
    if (choice.kind === 'preset') {
      return choice.rights;
    }
    try {
      return await pickIndividually(ui, options);
    } catch (error) {
      if (!isGoBack(error)) {
        throw error;
      }
      // Back from the list returns to the presets.
    }
  }
}

async function pickIndividually(ui: Ui, options: PickRightsOptions): Promise<Right[]> {
  const rights = await ui.pickMany({
    title: options.title,
    step: options.step ? { ...options.step, back: true } : { step: 1, total: 1, back: true },
    placeholder: 'Select the rights (Space toggles); "All … Rights" include future rights too',
    items: rightsPickItems(options.scope, options.current ?? []),
    matchOnDescription: true,
    validate: (selected) =>
      selected.length === 0 ? { severity: 'error', message: 'Select at least one right.' } : undefined,
  });
  return compactRights(rights);
}
