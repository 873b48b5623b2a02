// The explorer's nodes as plain data (no vscode): the model builds them, the tree provider renders them, and
// commands receive them as their target. Every node carries its deployment and a stable id (path-like), which is
// also the VS Code TreeItem id so expansion survives refreshes.
import type {
  AccessToken,
  ApiKey,
  Application,
  Client,
  ClientAuthorization,
  Collaborator,
  EndDevice,
  Organization,
  Owner,
} from '../tts/types';
import type { GroupSummary, Right } from '../tts/rights';
import type { Direction, FormatterType } from '../tts/formatters';

/** A list of entities of one kind on a deployment: OAuth clients and applications (by owner), organizations. */
export type Section = 'clients' | 'applications' | 'organizations';
export type EntityType = 'client' | 'application' | 'organization';
/** A filterable list: a section, or (admins) every entity of a kind: `all-clients`. */
export type FilterList = Section | `all-${Section}`;
/** Who holds API keys. */
export interface KeyHolder {
  type: 'application' | 'user' | 'organization';
  id: string;
}
export type UriField = 'redirect_uris' | 'logout_redirect_uris';

export interface EntityRef {
  type: EntityType;
  id: string;
}

interface Base {
  /** Unique and stable: `<deployment>/<section>/…`. */
  id: string;
  parentId?: string;
  deploymentKey: string;
}

export interface DeploymentNode extends Base {
  kind: 'deployment';
  name: string;
  accountLabel?: string;
  isAdmin: boolean;
}
export interface SectionNode extends Base {
  kind: 'section';
  section: Section;
  filter?: string;
  total?: number;
}
export interface OwnerNode extends Base {
  kind: 'owner';
  section: Section;
  owner: Owner;
  label: string;
  isSelf: boolean;
  total?: number;
}
export interface DeletedNode extends Base {
  kind: 'deleted';
  section: Section;
  total?: number;
}
export interface ClientNode extends Base {
  kind: 'client';
  client: Client;
  clientId: string;
  owner?: Owner;
  deleted: boolean;
  isAdmin: boolean;
  /** Listed in the admin's queue: its rows start with the review against the guidelines. */
  review?: boolean;
}
export interface ApplicationNode extends Base {
  kind: 'application';
  application: Application;
  applicationId: string;
  owner?: Owner;
  deleted: boolean;
  isAdmin: boolean;
}
export interface OrganizationNode extends Base {
  kind: 'organization';
  organization: Organization;
  organizationId: string;
  deleted: boolean;
  isAdmin: boolean;
}
/** The clients the signed-in user authorized (OAuth: "Authorized Apps"). */
export interface AuthorizationsNode extends Base {
  kind: 'authorizations';
  userId: string;
}
/** One authorized client: its rights and, below, its access tokens. */
export interface AuthorizationNode extends Base {
  kind: 'authorization';
  userId: string;
  clientId: string;
  /** The client's name (public: any user may read it), when the server gave it. */
  clientName?: string;
  authorization: ClientAuthorization;
  /** The number of its tokens (a list node). */
  total?: number;
  /** Holds the token this VS Code window signs in with. */
  current: boolean;
}
export interface TokenNode extends Base {
  kind: 'token';
  userId: string;
  clientId: string;
  token: AccessToken;
  /** The token this VS Code window signs in with. */
  current: boolean;
}
/** Administration (admins only): the clients awaiting approval and every client, application and organization. */
export interface AdminNode extends Base {
  kind: 'admin';
}
/** OAuth clients awaiting an admin's approval across the deployment. */
export interface QueueNode extends Base {
  kind: 'queue';
  total?: number;
}
/** Every client, application or organization of the deployment (admins), paged and filterable. */
export interface AllEntitiesNode extends Base {
  kind: 'allEntities';
  section: Section;
  filter?: string;
  total?: number;
}
/** What an admin reviews in a requested client: one guideline, met or not. */
export interface ReviewNode extends Base {
  kind: 'review';
  clientId: string;
  severity: 'error' | 'warning' | 'info' | 'ok';
  message: string;
}

export type ClientProperty = 'id' | 'name' | 'description' | 'state' | 'grants' | 'skip_authorization' | 'endorsed';
export type EntityProperty = ClientProperty | 'created_at' | 'updated_at';
export interface PropertyNode extends Base {
  kind: 'property';
  entity: EntityRef;
  property: EntityProperty;
  label: string;
  value: string;
  tooltip?: string;
  editable: boolean;
}
export interface UriListNode extends Base {
  kind: 'uriList';
  clientId: string;
  field: UriField;
  uris: string[];
}
export interface UriNode extends Base {
  kind: 'uri';
  clientId: string;
  field: UriField;
  uri: string;
}
export interface RightsNode extends Base {
  kind: 'rights';
  entity: EntityRef;
  rights: Right[];
}
export interface RightGroupNode extends Base {
  kind: 'rightGroup';
  summary: GroupSummary;
}
export interface RightNode extends Base {
  kind: 'right';
  right: Right;
}
export interface SecretNode extends Base {
  kind: 'secret';
  clientId: string;
  stored: boolean;
}
export interface CollaboratorsNode extends Base {
  kind: 'collaborators';
  entity: EntityRef;
  total?: number;
}
export interface CollaboratorNode extends Base {
  kind: 'collaborator';
  entity: EntityRef;
  member: Owner;
  collaborator: Collaborator;
}
export interface ApiKeysNode extends Base {
  kind: 'apiKeys';
  holder: KeyHolder;
  total?: number;
}
export interface ApiKeyNode extends Base {
  kind: 'apiKey';
  holder: KeyHolder;
  key: ApiKey;
}
export interface DevicesNode extends Base {
  kind: 'devices';
  applicationId: string;
  total?: number;
}
export interface DeviceNode extends Base {
  kind: 'device';
  applicationId: string;
  device: EndDevice;
}
/** "Payload Formatters" under an application (its defaults, on the AS link) or an end device (its own). */
export interface FormattersNode extends Base {
  kind: 'formatters';
  applicationId: string;
  deviceId?: string;
}
/** One direction's formatter: what is set here and, for a device, which formatter runs and why. */
export interface FormatterNode extends Base {
  kind: 'formatter';
  applicationId: string;
  deviceId?: string;
  direction: Direction;
  /** The type set here; undefined when a device has no formatters of its own (the application's apply). */
  type: FormatterType | undefined;
  /** The script length when the type is JavaScript. */
  scriptChars?: number;
  /** What the row shows beside its label, e.g. "JavaScript" or "not set · in effect: CayenneLPP (application default)". */
  description: string;
  /** Why: what is set, what runs, and any problem (e.g. Device Repository without version IDs). */
  tooltip: string;
  problem?: string;
}
/** "Load more": fetches the next page of the list its parent shows. */
export interface LoadMoreNode extends Base {
  kind: 'loadMore';
  listKey: string;
  loaded: number;
  total?: number;
}
/** A failed load: the message with its correlation id; refreshing the parent retries. */
export interface ErrorNode extends Base {
  kind: 'error';
  message: string;
  detail?: string;
}
/** An empty state or hint, optionally with the command that fixes it. */
export interface MessageNode extends Base {
  kind: 'message';
  message: string;
  icon: 'info' | 'add' | 'signIn' | 'filter' | 'go';
  command?: string;
  commandArgs?: unknown[];
}

export type ExplorerNode =
  | DeploymentNode
  | SectionNode
  | OwnerNode
  | DeletedNode
  | ClientNode
  | ApplicationNode
  | OrganizationNode
  | AuthorizationsNode
  | AuthorizationNode
  | TokenNode
  | AdminNode
  | QueueNode
  | AllEntitiesNode
  | ReviewNode
  | PropertyNode
  | UriListNode
  | UriNode
  | RightsNode
  | RightGroupNode
  | RightNode
  | SecretNode
  | CollaboratorsNode
  | CollaboratorNode
  | ApiKeysNode
  | ApiKeyNode
  | DevicesNode
  | DeviceNode
  | FormattersNode
  | FormatterNode
  | LoadMoreNode
  | ErrorNode
  | MessageNode;

export type NodeOf<K extends ExplorerNode['kind']> = Extract<ExplorerNode, { kind: K }>;

export function isNode(value: unknown): value is ExplorerNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { deploymentKey?: unknown }).deploymentKey === 'string'
  );
}

/** The client or application a node belongs to (the entity itself or any of its children). */
/** The filterable list a node shows. */
export function filterListOf(node: SectionNode | AllEntitiesNode): FilterList {
  return node.kind === 'section' ? node.section : `all-${node.section}`;
}

export function entityOf(node: ExplorerNode): EntityRef | undefined {
  switch (node.kind) {
    case 'client':
      return { type: 'client', id: node.clientId };
    case 'application':
      return { type: 'application', id: node.applicationId };
    case 'organization':
      return { type: 'organization', id: node.organizationId };
    case 'apiKeys':
    case 'apiKey':
      return node.holder.type === 'user' ? undefined : { type: node.holder.type, id: node.holder.id };
    case 'property':
    case 'rights':
    case 'collaborators':
    case 'collaborator':
      return node.entity;
    case 'uriList':
    case 'uri':
    case 'secret':
      return { type: 'client', id: node.clientId };
    case 'devices':
    case 'device':
    case 'formatters':
    case 'formatter':
      return { type: 'application', id: node.applicationId };
    default:
      return undefined;
  }
}
