// What each explorer row shows in text: its label, its description and whether it expands (no vscode). The VS Code
// adapter (vscode/nodes/) adds icons, tooltips and click commands; tests read these same texts back from the screen.
import { isPseudoRight, rightLabel } from '../tts/rights';
import { pseudoLabel } from '../ui/rightsPicker';
import { expiryText, stateLabel, timeText, URI_LABELS } from './entityNodes';
import { DIRECTION_LABELS } from './formatterNodes';
import type { ExplorerNode, Section } from './nodeTypes';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface RowText {
  label: string;
  description?: string;
  collapsible: Collapsible;
}

export function count(total: number | undefined, singular: string, plural = `${singular}s`): string | undefined {
  return total === undefined ? undefined : `${total} ${total === 1 ? singular : plural}`;
}

export const SECTION_LABELS: Record<Section, string> = {
  clients: 'OAuth Clients',
  applications: 'Applications',
  organizations: 'Organizations',
};
const ITEM: Record<Section, string> = { clients: 'client', applications: 'application', organizations: 'organization' };

/** "2026-12-07 17:43 UTC" → "2026-12-07 17:43". */
const shortTime = (value: string | undefined): string | undefined => timeText(value).replace(/ UTC$/, '') || undefined;

const joined = (...parts: (string | undefined | false)[]): string => parts.filter(Boolean).join(' · ');

export function rowOf(node: ExplorerNode, now: number = Date.now()): RowText {
  switch (node.kind) {
    case 'deployment': {
      const signedIn = node.accountLabel !== undefined;
      return {
        label: node.name,
        description: signedIn ? joined(node.accountLabel, node.isAdmin && 'admin') : 'signed out',
        collapsible: signedIn ? 'expanded' : 'collapsed',
      };
    }
    case 'section':
    case 'allEntities':
      return {
        label: node.kind === 'section' ? SECTION_LABELS[node.section] : `All ${SECTION_LABELS[node.section]}`,
        description:
          node.filter !== undefined
            ? `filter: "${node.filter}"${node.total !== undefined ? ` · ${node.total} found` : ''}`
            : node.kind === 'allEntities'
              ? count(node.total, ITEM[node.section])
              : undefined, // a section's row never counts: its list loads only when it is expanded
        collapsible: 'collapsed',
      };
    case 'authorizations':
      // No count: the list (and each client's tokens) loads when expanded, not with the deployment.
      return { label: 'Authorized Apps', collapsible: 'collapsed' };
    case 'authorization': {
      const a = node.authorization;
      return {
        label: node.clientName || node.clientId,
        description: joined(
          node.clientName && node.clientId,
          count((a.rights ?? []).length, 'right'),
          a.created_at && `since ${shortTime(a.created_at)}`,
          node.current && 'this VS Code window',
        ),
        collapsible: 'collapsed',
      };
    }
    case 'token': {
      const t = node.token;
      return {
        label: `Token ${(t.id ?? '?').slice(0, 8)}…`,
        description: joined(
          node.current && 'this VS Code window',
          t.created_at && `created ${shortTime(t.created_at)}`,
          expiryText(t.expires_at, now),
          count((t.rights ?? []).length, 'right'),
        ),
        collapsible: 'none',
      };
    }
    case 'admin':
      return { label: 'Administration', collapsible: 'collapsed' };
    case 'queue':
      return { label: 'Awaiting Approval', description: count(node.total, 'client'), collapsible: 'collapsed' };
    case 'review':
      return { label: node.message, collapsible: 'none' };
    case 'owner': {
      const kind = node.isSelf ? 'you' : node.label !== node.owner.id ? node.owner.id : 'organization';
      return {
        label: node.label,
        description: joined(kind, count(node.total, ITEM[node.section])),
        collapsible: node.isSelf ? 'expanded' : 'collapsed',
      };
    }
    case 'deleted':
      return { label: 'Recently Deleted', description: count(node.total, 'item'), collapsible: 'collapsed' };
    case 'client': {
      const c = node.client;
      const state = c.state ?? 'STATE_REQUESTED';
      const note = node.deleted
        ? `deleted ${c.deleted_at?.slice(0, 16).replace('T', ' ') ?? ''}`.trim()
        : state !== 'STATE_APPROVED' && stateLabel(state).toLowerCase();
      return {
        label: c.name || node.clientId,
        description: joined(c.name && node.clientId, note),
        collapsible: node.deleted ? 'none' : 'collapsed',
      };
    }
    case 'application':
    case 'organization': {
      const [name, id] =
        node.kind === 'application'
          ? [node.application.name, node.applicationId]
          : [node.organization.name, node.organizationId];
      return {
        label: name || id,
        description: joined(name && id, node.deleted && 'deleted'),
        collapsible: node.deleted ? 'none' : 'collapsed',
      };
    }
    case 'property':
      return { label: node.label, description: node.value || '(none)', collapsible: 'none' };
    case 'uriList':
      return {
        label: URI_LABELS[node.field],
        description: node.uris.length ? String(node.uris.length) : 'none',
        collapsible: node.uris.length ? 'collapsed' : 'none',
      };
    case 'uri':
      return { label: node.uri, collapsible: 'none' };
    case 'secret':
      return {
        label: 'Secret',
        description: node.stored ? '•••••••• (stored in VS Code)' : 'not stored in VS Code',
        collapsible: 'none',
      };
    case 'rights':
      return {
        label: 'Rights',
        description: count(node.rights.length, 'right'),
        collapsible: node.rights.length ? 'collapsed' : 'none',
      };
    case 'rightGroup': {
      const s = node.summary;
      return {
        label: s.label,
        description: s.all ? `all (${s.held} of ${s.total})` : `${s.held} of ${s.total}`,
        collapsible: 'collapsed',
      };
    }
    case 'right':
      return {
        label: isPseudoRight(node.right) ? pseudoLabel(node.right) : rightLabel(node.right),
        description: node.right,
        collapsible: 'none',
      };
    case 'collaborators':
      return { label: 'Collaborators', description: count(node.total, 'collaborator'), collapsible: 'collapsed' };
    case 'collaborator': {
      const rights = node.collaborator.rights ?? [];
      const all = rights.some((r) => r === 'RIGHT_ALL' || /_ALL$/.test(r));
      return {
        label: node.member.id,
        description: `${node.member.kind} · ${all ? 'all rights' : count(rights.length, 'right')}`,
        collapsible: 'none',
      };
    }
    case 'apiKeys':
      return {
        label: node.holder.type === 'user' ? 'Your API Keys' : 'API Keys',
        description: count(node.total, 'key'),
        collapsible: 'collapsed',
      };
    case 'apiKey':
      return {
        label: node.key.name || node.key.id || '?',
        description: `${count((node.key.rights ?? []).length, 'right')} · ${expiryText(node.key.expires_at, now)}`,
        collapsible: 'none',
      };
    case 'devices':
      return { label: 'End Devices', description: count(node.total, 'device'), collapsible: 'collapsed' };
    case 'device': {
      const d = node.device;
      return {
        label: d.ids?.device_id ?? '?',
        description: d.ids?.dev_eui ? `DevEUI ${d.ids.dev_eui}` : d.name || undefined,
        collapsible: 'collapsed',
      };
    }
    case 'formatters':
      return { label: 'Payload Formatters', collapsible: 'collapsed' };
    case 'formatter':
      return { label: DIRECTION_LABELS[node.direction], description: node.description, collapsible: 'none' };
    case 'loadMore':
      return {
        label: 'Load More…',
        description: node.total !== undefined ? `${node.loaded} of ${node.total} shown` : `${node.loaded} shown`,
        collapsible: 'none',
      };
    case 'error':
    case 'message':
      return { label: node.message, collapsible: 'none' };
  }
}
