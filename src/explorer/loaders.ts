// What each kind of explorer node shows under it, loaded from the server (no vscode). A load returns the children
// as new node objects; the model decides when they replace what the tree shows (model.ts).
import type { Account } from '../auth/accounts';
import { APPLICATION_DETAIL_FIELDS } from '../tts/applications';
import { CLIENT_DETAIL_FIELDS } from '../tts/clients';
import { ORGANIZATION_DETAIL_FIELDS } from '../tts/organizations';
import { accountChildren, adminChildren, authorizationNode, reviewChildren, tokenNode } from './accountNodes';
import {
  apiKeyNode,
  applicationChildren,
  clientChildren,
  collaboratorNode,
  deviceNode,
  entityNode,
  organizationChildren,
  rightChildren,
  rightGroupChildren,
  uriChildren,
} from './entityNodes';
import * as fetch from './fetchers';
import { applicationFormatterNodes, deviceFormatterNodes, formattersNode } from './formatterNodes';
import { errorNode, NodeList, type EmptyState, type ListHolder } from './nodeList';
import type {
  DeletedNode,
  ExplorerNode,
  FilterList,
  FormattersNode,
  MessageNode,
  OwnerNode,
  Section,
  SectionNode,
} from './nodeTypes';
import { ownersOf, userIdOf } from './owners';
import { PagedList, type PageFetcher } from './pagedList';

export interface LoadContext {
  /** The account signed in on the node's deployment; undefined when signed out. */
  account: Account | undefined;
  pageSize: number;
  filterOf(deploymentKey: string, list: FilterList): string | undefined;
  hasClientSecret(deploymentKey: string, clientId: string): Promise<boolean>;
}

export interface Loaded {
  children: ExplorerNode[];
  /** Set for a list node: its pages, for Load more. */
  list?: NodeList<unknown>;
}

export const SECTIONS: readonly Section[] = ['clients', 'applications'];

/** Nodes whose row counts a server list: their first page loads before the node is shown (model.ts). */
export function isListNode(node: ExplorerNode): boolean {
  switch (node.kind) {
    case 'owner':
    case 'deleted':
    case 'collaborators':
    case 'apiKeys':
    case 'devices':
    case 'authorization':
    case 'queue':
    case 'allEntities':
      return true;
    case 'section':
      return node.filter !== undefined;
    default:
      return false;
  }
}

const message = (parent: ExplorerNode, suffix: string, state: EmptyState): MessageNode => ({
  kind: 'message',
  id: `${parent.id}/${suffix}`,
  parentId: parent.id,
  deploymentKey: parent.deploymentKey,
  ...state,
});

/** The children of `node`; a failure anywhere shows as one error row (clicking it refreshes the node). */
export async function loadChildren(node: ExplorerNode, c: LoadContext): Promise<Loaded> {
  try {
    return await load(node, c);
  } catch (error) {
    return { children: [errorNode(node, error)] };
  }
}

async function load(node: ExplorerNode, c: LoadContext): Promise<Loaded> {
  const account = c.account;
  if (!account) {
    const signIn = message(node, '#signIn', {
      icon: 'signIn',
      message: 'Sign in to see this deployment',
      command: 'thingsStack.signIn',
    });
    return { children: node.kind === 'deployment' ? [signIn] : [] };
  }
  const api = account.api;
  const isAdmin = account.session.isAdmin === true;
  const list = <T>(
    fetcher: PageFetcher<T>,
    toNode: (item: T) => ExplorerNode | undefined,
    empty: EmptyState,
    trailer: ExplorerNode[] = [],
  ) => listOf(node, fetcher, toNode, empty, c.pageSize, trailer);
  const filterOf = (list: FilterList) => c.filterOf(node.deploymentKey, list);
  switch (node.kind) {
    case 'deployment':
      return {
        children: [
          ...SECTIONS.map((section): SectionNode => ({
            kind: 'section',
            section,
            id: `${node.id}/${section}`,
            parentId: node.id,
            deploymentKey: node.deploymentKey,
            filter: filterOf(section),
          })),
          ...accountChildren(node, account, filterOf),
        ],
      };
    case 'section': {
      if (node.filter !== undefined) {
        const text = node.filter;
        return list(
          fetch.searchEntities(api, node.section, text),
          (e) =>
            entityNode(e, node.section, {
              holderId: node.id,
              prefix: '=',
              deploymentKey: node.deploymentKey,
              deleted: false,
              isAdmin,
            }),
          { icon: 'info', message: `Nothing matches "${text}"` },
        );
      }
      if (node.section === 'organizations') {
        return organizationsOf(node, account, c.pageSize);
      }
      return { children: await sectionChildren(node, account) };
    }
    case 'organization': {
      if (node.deleted) {
        return { children: [] };
      }
      const detail = await api.organizations.get(node.organizationId, ORGANIZATION_DETAIL_FIELDS);
      return { children: organizationChildren(node, detail) };
    }
    case 'authorizations':
      return list(
        fetch.authorizations(api, node.userId),
        (a) => authorizationNode(node, node.userId, a, account.session),
        { icon: 'info', message: 'You have not authorized any OAuth client' },
      );
    case 'authorization':
      return list(fetch.tokens(api, node.userId, node.clientId), (t) => tokenNode(node, t, account.session), {
        icon: 'info',
        message: 'No access token is active: the client signs in again to get one',
      });
    case 'admin':
      return { children: adminChildren(node, filterOf) };
    case 'queue':
      return list(
        fetch.requestedClients(api),
        (e) =>
          entityNode(e, 'clients', {
            holderId: node.id,
            deploymentKey: node.deploymentKey,
            deleted: false,
            isAdmin,
            review: true,
          }),
        { icon: 'info', message: 'No OAuth client awaits approval' },
      );
    case 'allEntities': {
      const section = node.section;
      const text = node.filter;
      return list(
        text ? fetch.searchEntities(api, section, text) : fetch.ownedEntities(api, section, undefined),
        (e) =>
          entityNode(e, section, { holderId: node.id, deploymentKey: node.deploymentKey, deleted: false, isAdmin }),
        { icon: 'info', message: text ? `Nothing matches "${text}"` : 'None on this deployment' },
      );
    }
    case 'owner':
      return list(
        fetch.ownedEntities(api, node.section, node.owner),
        (e) =>
          entityNode(e, node.section, {
            holderId: node.id,
            deploymentKey: node.deploymentKey,
            owner: node.owner,
            deleted: false,
            isAdmin,
          }),
        {
          // The empty state offers the fix: create one for this owner.
          icon: 'add',
          message: node.section === 'clients' ? 'No OAuth clients yet: create one' : 'No applications yet: create one',
          command: node.section === 'clients' ? 'thingsStack.createClient' : 'thingsStack.createApplication',
          commandArgs: [node],
        },
      );
    case 'deleted':
      return list(
        fetch.ownedEntities(api, node.section, undefined, true),
        (e) =>
          entityNode(e, node.section, { holderId: node.id, deploymentKey: node.deploymentKey, deleted: true, isAdmin }),
        { icon: 'info', message: 'Nothing deleted recently' },
      );
    case 'client': {
      if (node.deleted) {
        return { children: [] };
      }
      const [detail, secret] = await Promise.all([
        api.clients.get(node.clientId, CLIENT_DETAIL_FIELDS),
        c.hasClientSecret(node.deploymentKey, node.clientId),
      ]);
      const review = node.review ? reviewChildren(node, node.clientId, detail) : [];
      return { children: [...review, ...clientChildren(node, detail, secret)] };
    }
    case 'application': {
      if (node.deleted) {
        return { children: [] };
      }
      // Without the details (e.g. a missing right) the row from the list still leads to keys and devices.
      try {
        return {
          children: applicationChildren(
            node,
            await api.applications.get(node.applicationId, APPLICATION_DETAIL_FIELDS),
          ),
        };
      } catch (error) {
        return {
          children: [
            errorNode(node, error, 'Could not load the details: '),
            ...applicationChildren(node, node.application),
          ],
        };
      }
    }
    case 'uriList':
      return { children: uriChildren(node) };
    case 'rights':
      return { children: rightGroupChildren(node) };
    case 'rightGroup':
      return { children: rightChildren(node) };
    case 'collaborators':
      return list(fetch.collaborators(api, node.entity), (x) => collaboratorNode(node, node.entity, x), {
        icon: 'info',
        message: 'No collaborators you can see',
      });
    case 'apiKeys':
      return list(fetch.apiKeys(api, node.holder), (k) => apiKeyNode(node, node.holder, k), {
        icon: 'info',
        message: 'No API keys',
      });
    case 'devices':
      return list(fetch.devices(api, node.applicationId), (d) => deviceNode(node, node.applicationId, d), {
        icon: 'info',
        message: 'No end devices',
      });
    case 'device':
      return { children: [formattersNode(node)] };
    case 'formatters':
      return { children: await formatterChildren(node, account) };
    default:
      return { children: [] };
  }
}

async function listOf<T>(
  holder: ListHolder,
  fetcher: PageFetcher<T>,
  toNode: (item: T) => ExplorerNode | undefined,
  empty: EmptyState,
  pageSize: number,
  trailer: ExplorerNode[] = [],
): Promise<Loaded> {
  const list = new NodeList(holder, new PagedList(fetcher, pageSize), toNode, empty, trailer);
  return { children: await list.first(), list: list as NodeList<unknown> };
}

/** The organizations the user belongs to, then "Recently Deleted" (organizations an admin may restore or purge). */
function organizationsOf(node: SectionNode, account: Account, pageSize: number): Promise<Loaded> {
  const userId = userIdOf(account);
  const isAdmin = account.session.isAdmin === true;
  const deleted: DeletedNode = {
    kind: 'deleted',
    section: 'organizations',
    id: `${node.id}/~deleted`,
    parentId: node.id,
    deploymentKey: node.deploymentKey,
  };
  if (!userId) {
    return Promise.resolve({
      children: [
        message(node, '#notUser', {
          icon: 'info',
          message: `${account.session.accountLabel} is not a user; sign in as a user to list your organizations`,
        }),
      ],
    });
  }
  return listOf(
    node,
    fetch.ownedEntities(account.api, 'organizations', { kind: 'user', id: userId }),
    (e) =>
      entityNode(e, 'organizations', { holderId: node.id, deploymentKey: node.deploymentKey, deleted: false, isAdmin }),
    {
      icon: 'add',
      message: 'No organizations yet: create one',
      command: 'thingsStack.createOrganization',
      commandArgs: [node],
    },
    pageSize,
    [deleted],
  );
}

/** The owners (the user, then each organization), then "Recently Deleted". */
async function sectionChildren(node: SectionNode, account: Account): Promise<ExplorerNode[]> {
  const { owners, error } = await ownersOf(account);
  const out: ExplorerNode[] = owners.map((o): OwnerNode => ({
    kind: 'owner',
    section: node.section,
    owner: o.owner,
    label: o.label,
    isSelf: o.isSelf,
    id: `${node.id}/o:${o.owner.kind}:${o.owner.id}`,
    parentId: node.id,
    deploymentKey: node.deploymentKey,
  }));
  if (error !== undefined) {
    out.push(errorNode(node, error, 'Could not list your organizations: '));
  }
  if (owners.length === 0 && error === undefined) {
    out.push(
      message(node, '#notUser', {
        icon: 'info',
        message: `${account.session.accountLabel} is not a user; sign in as a user to list what you own`,
      }),
    );
  }
  out.push({
    kind: 'deleted',
    section: node.section,
    id: `${node.id}/~deleted`,
    parentId: node.id,
    deploymentKey: node.deploymentKey,
  });
  return out;
}

/** Uplink and Downlink: the application's defaults (1 request), or a device's own and the defaults (2). */
async function formatterChildren(node: FormattersNode, account: Account): Promise<ExplorerNode[]> {
  const api = account.api.formatters;
  const application = api.getApplication(node.applicationId);
  if (node.deviceId === undefined) {
    return applicationFormatterNodes(node, await application);
  }
  const [own, defaults] = await Promise.all([api.getDevice(node.applicationId, node.deviceId), application]);
  return deviceFormatterNodes(node, own, defaults);
}
