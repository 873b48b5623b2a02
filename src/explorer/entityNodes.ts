// Builds the nodes under clients and applications from what the server returned (pure, no vscode).
import { isRight, summarise, type Right } from '../tts/rights';
import type {
  ApiKey,
  Application,
  Client,
  ClientState,
  Collaborator,
  EndDevice,
  GrantType,
  Organization,
  Owner,
} from '../tts/types';
import { ownerOf } from '../tts/types';
import type {
  ApplicationNode,
  KeyHolder,
  OrganizationNode,
  ClientNode,
  CollaboratorNode,
  EntityProperty,
  EntityRef,
  ExplorerNode,
  NodeOf,
  PropertyNode,
  RightsNode,
  Section,
  UriField,
} from './nodeTypes';
import { entityId, type Entity } from './fetchers';
import { formattersNode } from './formatterNodes';

export const STATE_LABELS: Record<ClientState, string> = {
  STATE_REQUESTED: 'Requested — awaiting admin approval',
  STATE_APPROVED: 'Approved',
  STATE_REJECTED: 'Rejected',
  STATE_FLAGGED: 'Flagged for review',
  STATE_SUSPENDED: 'Suspended',
};

export const GRANT_LABELS: Record<GrantType, string> = {
  GRANT_AUTHORIZATION_CODE: 'Authorization code',
  GRANT_REFRESH_TOKEN: 'Refresh token',
  GRANT_PASSWORD: 'Password',
};

export const URI_LABELS: Record<UriField, string> = {
  redirect_uris: 'Redirect URIs',
  logout_redirect_uris: 'Logout Redirect URIs',
};

/** A state this version does not know (a newer server) is shown as the server names it, not as nothing. */
export function stateLabel(state: ClientState | undefined): string {
  return STATE_LABELS[state ?? 'STATE_REQUESTED'] ?? String(state);
}

export function rightsOf(list: readonly string[] | undefined): Right[] {
  return (list ?? []).filter(isRight);
}

interface EntityContext {
  holderId: string;
  /** Keeps ids of search results apart from the section's other children. */
  prefix?: string;
  deploymentKey: string;
  owner?: Owner;
  deleted: boolean;
  isAdmin: boolean;
  /** A client in the admin's queue. */
  review?: boolean;
}

export function entityNode(
  entity: Entity,
  section: Section,
  c: EntityContext,
): ClientNode | ApplicationNode | OrganizationNode {
  const id = entityId(entity, section);
  const base = {
    id: `${c.holderId}/${c.prefix ?? ''}${id}`,
    parentId: c.holderId,
    deploymentKey: c.deploymentKey,
    owner: c.owner,
    deleted: c.deleted,
    isAdmin: c.isAdmin,
  };
  if (section === 'organizations') {
    return { ...base, kind: 'organization', organization: entity as Organization, organizationId: id };
  }
  return section === 'clients'
    ? { ...base, kind: 'client', client: entity as Client, clientId: id, review: c.review }
    : { ...base, kind: 'application', application: entity as Application, applicationId: id };
}

type Init<N> = N extends ExplorerNode ? Omit<N, 'id' | 'parentId' | 'deploymentKey'> : never;

/** A child node whose id extends its parent's (ids are paths, unique by construction). */
export function child<K extends ExplorerNode['kind']>(
  parent: ExplorerNode,
  suffix: string,
  node: Init<NodeOf<K>>,
): NodeOf<K> {
  return {
    ...node,
    id: `${parent.id}/${suffix}`,
    parentId: parent.id,
    deploymentKey: parent.deploymentKey,
  } as unknown as NodeOf<K>;
}

function property(
  parent: ClientNode | ApplicationNode | OrganizationNode,
  property: EntityProperty,
  label: string,
  value: string,
  editable: boolean,
  tooltip?: string,
): PropertyNode {
  const entity: EntityRef =
    parent.kind === 'client'
      ? { type: 'client', id: parent.clientId }
      : parent.kind === 'application'
        ? { type: 'application', id: parent.applicationId }
        : { type: 'organization', id: parent.organizationId };
  return child<'property'>(parent, `#${property}`, {
    kind: 'property',
    entity,
    property,
    label,
    value,
    editable,
    tooltip,
  });
}

/** "2026-12-04 18:23 UTC" from an RFC 3339 time; what the server sent when it is not one. */
export function timeText(value: string | undefined): string {
  if (!value) {
    return '';
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function uriList(parent: ClientNode, field: UriField, uris: string[] | undefined): ExplorerNode {
  return child(parent, `#${field}`, { kind: 'uriList', clientId: parent.clientId, field, uris: uris ?? [] });
}

/** A client's properties, in the order the Console's form shows them, then its secret and collaborators. */
export function clientChildren(node: ClientNode, detail: Client, secretStored: boolean): ExplorerNode[] {
  const admin = node.isAdmin;
  const grants = (detail.grants ?? []).map((g) => GRANT_LABELS[g] ?? String(g)).join(', ') || 'None';
  const state = detail.state ?? 'STATE_REQUESTED';
  const stateTip = detail.state_description ? `${stateLabel(state)}: ${detail.state_description}` : stateLabel(state);
  const entity: EntityRef = { type: 'client', id: node.clientId };
  return [
    property(node, 'id', 'ID', node.clientId, false, 'The client ID cannot be changed, nor reused after deletion.'),
    property(node, 'name', 'Name', detail.name ?? '', true),
    property(node, 'description', 'Description', detail.description ?? '', true),
    property(
      node,
      'state',
      'State',
      detail.state_description ? `${stateLabel(state)} (${detail.state_description})` : stateLabel(state),
      admin,
      stateTip,
    ),
    uriList(node, 'redirect_uris', detail.redirect_uris),
    uriList(node, 'logout_redirect_uris', detail.logout_redirect_uris),
    property(
      node,
      'grants',
      'Grants',
      grants,
      admin,
      admin ? undefined : 'Only administrators can change grants after the client is created.',
    ),
    child<'rights'>(node, '#rights', { kind: 'rights', entity, rights: rightsOf(detail.rights) }),
    property(
      node,
      'skip_authorization',
      'Skip Authorization',
      detail.skip_authorization ? 'Yes' : 'No',
      admin,
      'Users are not asked to authorize the client (administrators only).',
    ),
    property(
      node,
      'endorsed',
      'Endorsed',
      detail.endorsed ? 'Yes' : 'No',
      admin,
      'The consent page shows the client as endorsed (administrators only).',
    ),
    child(node, '#secret', { kind: 'secret', clientId: node.clientId, stored: secretStored }),
    child(node, '#collaborators', { kind: 'collaborators', entity }),
  ];
}

/** An application's properties, then its API keys, collaborators, end devices and payload formatters. */
export function applicationChildren(node: ApplicationNode, detail: Application): ExplorerNode[] {
  const entity: EntityRef = { type: 'application', id: node.applicationId };
  return [
    property(
      node,
      'id',
      'ID',
      node.applicationId,
      false,
      'The application ID cannot be changed, nor reused after deletion.',
    ),
    property(node, 'name', 'Name', detail.name ?? '', true),
    property(node, 'description', 'Description', detail.description ?? '', true),
    property(node, 'created_at', 'Created', timeText(detail.created_at), false),
    property(node, 'updated_at', 'Updated', timeText(detail.updated_at), false),
    child(node, '#apiKeys', { kind: 'apiKeys', holder: { type: 'application', id: node.applicationId } }),
    child(node, '#collaborators', { kind: 'collaborators', entity }),
    child(node, '#devices', { kind: 'devices', applicationId: node.applicationId }),
    formattersNode(node),
  ];
}

export function uriChildren(node: Extract<ExplorerNode, { kind: 'uriList' }>): ExplorerNode[] {
  return node.uris.map((uri, index) =>
    child(node, `${index}`, { kind: 'uri', clientId: node.clientId, field: node.field, uri }),
  );
}

export function rightGroupChildren(node: RightsNode): ExplorerNode[] {
  return summarise(node.rights).map((summary) => child(node, summary.group, { kind: 'rightGroup', summary }));
}

export function rightChildren(node: Extract<ExplorerNode, { kind: 'rightGroup' }>): ExplorerNode[] {
  return node.summary.rights.map((right) => child(node, right, { kind: 'right', right }));
}

export function collaboratorNode(
  holder: ExplorerNode,
  entity: EntityRef,
  collaborator: Collaborator,
): CollaboratorNode | undefined {
  const member = ownerOf(collaborator.ids);
  if (!member) {
    return undefined;
  }
  return child<'collaborator'>(holder, `${member.kind}:${member.id}`, {
    kind: 'collaborator',
    entity,
    member,
    collaborator: { ...collaborator, rights: collaborator.rights ?? [] },
  });
}

export function apiKeyNode(parent: ExplorerNode, holder: KeyHolder, key: ApiKey): ExplorerNode {
  return child(parent, key.id ?? key.name ?? '?', { kind: 'apiKey', holder, key });
}

/**
 * An organization's details, its collaborators and API keys, then a row each that shows its OAuth clients and
 * applications where they are listed (under the organization as their owner).
 */
export function organizationChildren(node: OrganizationNode, detail: Organization): ExplorerNode[] {
  const entity: EntityRef = { type: 'organization', id: node.organizationId };
  const name = detail.name || node.organizationId;
  const goTo = (section: 'clients' | 'applications', message: string): ExplorerNode =>
    child<'message'>(node, `#show-${section}`, {
      kind: 'message',
      icon: 'go',
      message,
      command: 'thingsStack.showOwner',
      commandArgs: [node, section],
    });
  return [
    property(
      node,
      'id',
      'ID',
      node.organizationId,
      false,
      'The organization ID cannot be changed, nor reused after deletion.',
    ),
    property(node, 'name', 'Name', detail.name ?? '', true),
    property(node, 'description', 'Description', detail.description ?? '', true),
    property(node, 'created_at', 'Created', timeText(detail.created_at), false),
    property(node, 'updated_at', 'Updated', timeText(detail.updated_at), false),
    child(node, '#collaborators', { kind: 'collaborators', entity }),
    child(node, '#apiKeys', { kind: 'apiKeys', holder: { type: 'organization', id: node.organizationId } }),
    goTo('clients', `OAuth clients of ${name}`),
    goTo('applications', `Applications of ${name}`),
  ];
}

export function deviceNode(holder: ExplorerNode, applicationId: string, device: EndDevice): ExplorerNode {
  return child(holder, device.ids?.device_id ?? '?', { kind: 'device', applicationId, device });
}

/** "expires in 3 days", "expired 2 days ago", "never expires". */
export function expiryText(expiresAt: string | undefined, now: number = Date.now()): string {
  if (!expiresAt) {
    return 'never expires';
  }
  const ms = Date.parse(expiresAt) - now;
  if (Number.isNaN(ms)) {
    return `expires ${expiresAt}`;
  }
  const days = Math.round(Math.abs(ms) / 86_400_000);
  const hours = Math.round(Math.abs(ms) / 3_600_000);
  const span = days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${hours} hour${hours === 1 ? '' : 's'}`;
  return ms < 0 ? `expired ${span} ago` : `expires in ${span}`;
}
