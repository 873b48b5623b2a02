// Rights: the Right enum of the contract (generated into schemaRights.ts), grouped the way TTS groups them —
// by name prefix — with pseudo-rights (`*_ALL`) and the implications the enum's own docs state.
import { RIGHT_TABLE, type Right } from './schemaRights';

export type { Right };
export type RightGroup = 'user' | 'application' | 'client' | 'gateway' | 'organization' | 'other';

export const ALL_RIGHTS: readonly Right[] = RIGHT_TABLE.map(([name]) => name);
const EXPLANATIONS = new Map<string, string>(RIGHT_TABLE.map(([name, text]) => [name, text]));
const GROUP_PREFIXES: [RightGroup, string][] = [
  ['user', 'RIGHT_USER_'],
  ['application', 'RIGHT_APPLICATION_'],
  ['client', 'RIGHT_CLIENT_'],
  ['gateway', 'RIGHT_GATEWAY_'],
  ['organization', 'RIGHT_ORGANIZATION_'],
];
export const GROUP_LABELS: Record<RightGroup, string> = {
  user: 'User',
  application: 'Application',
  client: 'OAuth client',
  gateway: 'Gateway',
  organization: 'Organization',
  other: 'Other',
};

export function isRight(value: string): value is Right {
  return EXPLANATIONS.has(value);
}

export function groupOf(right: Right): RightGroup {
  return GROUP_PREFIXES.find(([, prefix]) => right.startsWith(prefix))?.[0] ?? 'other';
}

/** `RIGHT_ALL` and `RIGHT_<GROUP>_ALL`: they stand for every current and future right of their scope. */
export function isPseudoRight(right: Right): boolean {
  return right === 'RIGHT_ALL' || /^RIGHT_[A-Z]+_ALL$/.test(right);
}

/** The enum's own one-line explanation, e.g. "The right to view application information." */
export function explain(right: Right): string {
  return EXPLANATIONS.get(right) ?? '';
}

/** `RIGHT_APPLICATION_DEVICES_READ` → "Devices read". */
export function rightLabel(right: Right): string {
  const prefix = GROUP_PREFIXES.find(([, p]) => right.startsWith(p))?.[1] ?? 'RIGHT_';
  const words = right.slice(prefix.length).toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The concrete (non-pseudo) rights of a group. */
export function rightsOfGroup(group: RightGroup): Right[] {
  return ALL_RIGHTS.filter((r) => groupOf(r) === group && !isPseudoRight(r));
}

/** Rights a right implies, as stated in its explanation ("This right implies RIGHT_X, RIGHT_Y, and RIGHT_Z."). */
function statedImplications(right: Right): Right[] {
  const sentence = /implies ([A-Z_, and]+)\./.exec(explain(right))?.[1] ?? '';
  const names: string[] = sentence.match(/RIGHT_[A-Z_]+/g) ?? [];
  return names.filter(isRight);
}

/** Expands pseudo-rights and stated implications, like TTS's `Implied()`; the result is sorted in enum order. */
export function implied(rights: readonly string[]): Right[] {
  const out = new Set<Right>();
  for (const right of rights) {
    if (!isRight(right)) {
      continue;
    }
    out.add(right);
    if (right === 'RIGHT_ALL') {
      ALL_RIGHTS.forEach((r) => out.add(r));
    } else if (isPseudoRight(right)) {
      rightsOfGroup(groupOf(right)).forEach((r) => out.add(r));
    }
    statedImplications(right).forEach((r) => out.add(r));
  }
  return ALL_RIGHTS.filter((r) => out.has(r));
}

/** Which of `required` are not covered by `held` (after expansion). */
export function missingRights(held: readonly string[], required: readonly string[]): Right[] {
  const have = new Set(implied(held));
  return implied(required).filter((r) => !isPseudoRight(r) && !have.has(r));
}

export interface GroupSummary {
  group: RightGroup;
  label: string;
  rights: Right[];
  /** Concrete rights held in this group, after expansion. */
  held: number;
  total: number;
  /** A pseudo-right of this group (or RIGHT_ALL) is present. */
  all: boolean;
}

/** Rights grouped by entity with "n of m" counts, for tree nodes and pickers. */
export function summarise(rights: readonly string[]): GroupSummary[] {
  const expanded = new Set(implied(rights));
  const groups: RightGroup[] = ['user', 'application', 'client', 'gateway', 'organization', 'other'];
  return groups
    .map((group) => {
      const listed = rights
        .filter(isRight)
        .filter((r) => groupOf(r) === group || (r === 'RIGHT_ALL' && group === 'other'));
      const concrete = rightsOfGroup(group);
      return {
        group,
        label: GROUP_LABELS[group],
        rights: listed,
        held: concrete.filter((r) => expanded.has(r)).length,
        total: concrete.length,
        all: rights.includes('RIGHT_ALL') || listed.some(isPseudoRight),
      };
    })
    .filter((s) => s.rights.length > 0);
}
