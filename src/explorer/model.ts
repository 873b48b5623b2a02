// The explorer's data (no vscode): per deployment, OAuth clients and applications grouped by owner (the user, then
// each organization), paged with "Load more", filtered through the search endpoints, loaded lazily and cached
// until refreshed. A node keeps one object per id while its parent shows it (ExplorerStore), so a refresh event
// names the same object the tree holds and a refresh never hands the tree a second element with a known id.
import type { Account, Accounts, Disposable } from '../auth/accounts';
import { APPLICATION_DETAIL_FIELDS } from '../tts/applications';
import { CLIENT_DETAIL_FIELDS } from '../tts/clients';
import type { Client } from '../tts/types';
import { describeError } from '../ui/errorText';
import {
  apiKeyNode,
  applicationChildren,
  clientChildren,
  collaboratorNode,
  deviceNode,
  entityNode,
  rightChildren,
  rightGroupChildren,
  uriChildren,
} from './entityNodes';
import * as fetch from './fetchers';
import { applicationFormatterNodes, deviceFormatterNodes, formattersNode } from './formatterNodes';
import type {
  DeletedNode,
  DeploymentNode,
  EntityRef,
  ErrorNode,
  ExplorerNode,
  FormattersNode,
  MessageNode,
  LoadMoreNode,
  OwnerNode,
  Section,
  SectionNode,
} from './nodeTypes';
import { ownersOf } from './owners';
import type { PageFetcher } from './pagedList';
import { ExplorerStore, ROOT } from './store';
import { Emitter } from '../util/events';

export interface ModelOptions {
  /** Items per page (the `thingsStack.pageSize` setting). */
  pageSize(): number;
}

const SECTIONS: Section[] = ['clients', 'applications'];
const HOLDERS = new Set<ExplorerNode['kind']>(['section', 'owner', 'deleted', 'collaborators', 'apiKeys', 'devices']);

export class ExplorerModel {
  private readonly store = new ExplorerStore();
  private readonly filters = new Map<string, string>();
  private readonly changes = new Emitter<ExplorerNode | undefined>();
  private sessions = new Map<string, string>();
  private readonly subscription: Disposable;

  constructor(
    private readonly accounts: Accounts,
    private readonly options: ModelOptions,
  ) {
    this.sessions = this.sessionSnapshot();
    this.subscription = accounts.onDidChange(() => this.accountsChanged());
  }

  readonly onDidChange = this.changes.event;

  account(deploymentKey: string): Account | undefined {
    return this.accounts.account(deploymentKey);
  }

  get(id: string): ExplorerNode | undefined {
    return this.store.node(id);
  }

  parent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parentId ? this.store.node(node.parentId) : undefined;
  }

  /** Nodes currently known (shown or cached) that match. */
  find(predicate: (node: ExplorerNode) => boolean): ExplorerNode[] {
    return this.store.allNodes().filter(predicate);
  }

  /** One node per deployment; none while nobody is signed in anywhere, so the welcome view shows. */
  roots(): DeploymentNode[] {
    const deployments = this.accounts.deployments();
    if (!deployments.some((d) => this.accounts.account(d.key))) {
      return [];
    }
    // TTN Sandbox clusters share one Identity Server (eu1), hence one key and one set of clients and applications.
    const names = new Map<string, string[]>();
    deployments.forEach((d) => names.set(d.key, [...(names.get(d.key) ?? []), d.name]));
    return this.store.setChildren(
      ROOT,
      [...names].map(([key, list]): DeploymentNode => {
        const account = this.accounts.account(key);
        return {
          kind: 'deployment',
          id: key,
          deploymentKey: key,
          name: list.join(' / '),
          accountLabel: account?.session.accountLabel,
          isAdmin: account?.session.isAdmin === true,
        };
      }),
    );
  }

  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      return this.roots();
    }
    let children: ExplorerNode[];
    try {
      children = await this.childrenOf(node);
    } catch (error) {
      children = [this.errorNode(node, error)];
    }
    // A holder shows the count of the list it already loaded, so recomputing it does not lose the count.
    for (const child of children) {
      if (HOLDERS.has(child.kind)) {
        (child as { total?: number }).total = this.store.existingList(child.id)?.total;
      }
    }
    return this.store.setChildren(node.id, children);
  }

  filterOf(deploymentKey: string, section: Section): string | undefined {
    return this.filters.get(`${deploymentKey}/${section}`);
  }

  /** Shows only the entities whose ID, name or description contains `text` (search endpoint); undefined clears. */
  setFilter(deploymentKey: string, section: Section, text: string | undefined): void {
    const id = `${deploymentKey}/${section}`;
    const value = text?.trim();
    if (value) {
      this.filters.set(id, value);
    } else {
      this.filters.delete(id);
    }
    const node = this.store.node(id);
    if (node?.kind === 'section') {
      node.filter = value || undefined;
    }
    this.store.drop(id);
    this.fire(node);
  }

  async loadMore(node: LoadMoreNode): Promise<void> {
    await this.store.existingList(node.listKey)?.loadMore();
    this.fire(this.store.node(node.listKey));
  }

  /** Drops what is cached under the node (everything without one) and tells the tree. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.store.clear();
      this.fire(undefined);
      return;
    }
    this.store.drop(node.id);
    this.fire(this.store.node(node.id));
  }

  /** After a create, delete, restore or purge: the section's lists are stale. */
  refreshSection(deploymentKey: string, section: Section): void {
    const id = `${deploymentKey}/${section}`;
    this.store.drop(id);
    this.fire(this.store.node(id));
  }

  /** After an edit: patch the entity everywhere it is shown and reload its children. */
  entityChanged(deploymentKey: string, entity: EntityRef, changes: Partial<Client> = {}): void {
    const matches = this.find(
      (n) =>
        n.deploymentKey === deploymentKey &&
        ((n.kind === 'client' && entity.type === 'client' && n.clientId === entity.id) ||
          (n.kind === 'application' && entity.type === 'application' && n.applicationId === entity.id)),
    );
    for (const node of matches) {
      Object.assign(
        node.kind === 'client' ? node.client : node.kind === 'application' ? node.application : {},
        changes,
      );
      this.refresh(node);
    }
  }

  /** Reloads nodes of one kind under an entity, e.g. its API keys after one was created. */
  refreshWhere(predicate: (node: ExplorerNode) => boolean): void {
    this.find(predicate).forEach((n) => this.refresh(n));
  }

  /** After a formatter was written: its rows reload (an application's defaults also show under each device). */
  formattersChanged(deploymentKey: string, applicationId: string, deviceId?: string): void {
    this.refreshWhere(
      (n) =>
        n.kind === 'formatters' &&
        n.deploymentKey === deploymentKey &&
        n.applicationId === applicationId &&
        (deviceId === undefined || n.deviceId === deviceId),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.store.clear();
    this.changes.dispose();
  }

  private async childrenOf(node: ExplorerNode): Promise<ExplorerNode[]> {
    const account = this.accounts.account(node.deploymentKey);
    if (!account) {
      return node.kind === 'deployment'
        ? [
            {
              kind: 'message',
              id: `${node.id}/#signIn`,
              parentId: node.id,
              deploymentKey: node.deploymentKey,
              icon: 'signIn',
              message: 'Sign in to see this deployment',
              command: 'thingsStack.signIn',
            },
          ]
        : [];
    }
    const isAdmin = account.session.isAdmin === true;
    const api = account.api;
    switch (node.kind) {
      case 'deployment':
        return SECTIONS.map((section): SectionNode => ({
          kind: 'section',
          section,
          id: `${node.id}/${section}`,
          parentId: node.id,
          deploymentKey: node.deploymentKey,
          filter: this.filterOf(node.deploymentKey, section),
        }));
      case 'section':
        return this.sectionChildren(node, account);
      case 'owner':
        return this.listChildren(
          node,
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
            message:
              node.section === 'clients' ? 'No OAuth clients yet: create one' : 'No applications yet: create one',
            command: node.section === 'clients' ? 'thingsStack.createClient' : 'thingsStack.createApplication',
            commandArgs: [node],
          },
        );
      case 'deleted':
        return this.listChildren(
          node,
          fetch.ownedEntities(api, node.section, undefined, true),
          (e) =>
            entityNode(e, node.section, {
              holderId: node.id,
              deploymentKey: node.deploymentKey,
              deleted: true,
              isAdmin,
            }),
          'Nothing deleted recently',
        );
      case 'client': {
        if (node.deleted) {
          return [];
        }
        const detail = await this.store.cached(`${node.id}/#detail`, () =>
          api.clients.get(node.clientId, CLIENT_DETAIL_FIELDS),
        );
        const secret = await this.accounts.clientSecret(node.deploymentKey, node.clientId);
        return clientChildren(node, detail, secret !== undefined);
      }
      case 'application': {
        if (node.deleted) {
          return [];
        }
        // The detail, and the first page of end devices so their count shows without expanding them.
        // Without the details (e.g. a missing right) the row from the list still leads to keys and devices.
        let detail = node.application;
        let detailError: unknown;
        await Promise.all([
          this.store
            .cached(`${node.id}/#detail`, () => api.applications.get(node.applicationId, APPLICATION_DETAIL_FIELDS))
            .then(
              (d) => {
                detail = d;
              },
              (error: unknown) => {
                detailError = error;
              },
            ),
          this.store
            .list(`${node.id}/#devices`, fetch.devices(api, node.applicationId), this.options.pageSize())
            .ensure(),
        ]);
        const children = applicationChildren(node, detail);
        return detailError === undefined
          ? children
          : [
              {
                ...this.errorNode(node, detailError),
                message: `Could not load the details: ${describeError(detailError)}`,
              },
              ...children,
            ];
      }
      case 'uriList':
        return uriChildren(node);
      case 'rights':
        return rightGroupChildren(node);
      case 'rightGroup':
        return rightChildren(node);
      case 'collaborators':
        return this.listChildren(
          node,
          fetch.collaborators(api, node.entity),
          (c) => collaboratorNode(node, node.entity, c),
          'No collaborators you can see',
        );
      case 'apiKeys':
        return this.listChildren(
          node,
          fetch.apiKeys(api, node.applicationId),
          (k) => apiKeyNode(node, node.applicationId, k),
          'No API keys',
        );
      case 'devices':
        return this.listChildren(
          node,
          fetch.devices(api, node.applicationId),
          (d) => deviceNode(node, node.applicationId, d),
          'No end devices',
        );
      case 'device':
        return [formattersNode(node)];
      case 'formatters':
        return this.formatterChildren(node, account);
      default:
        return [];
    }
  }

  /** Uplink and Downlink: the application's defaults (1 request), or a device's own and the defaults (2). */
  private async formatterChildren(node: FormattersNode, account: Account): Promise<ExplorerNode[]> {
    const api = account.api.formatters;
    const application = this.store.cached(`${node.id}/#application`, () => api.getApplication(node.applicationId));
    if (node.deviceId === undefined) {
      return applicationFormatterNodes(node, await application);
    }
    const deviceId = node.deviceId;
    const device = this.store.cached(`${node.id}/#device`, () => api.getDevice(node.applicationId, deviceId));
    const [own, defaults] = await Promise.all([device, application]);
    return deviceFormatterNodes(node, own, defaults);
  }

  private async sectionChildren(node: SectionNode, account: Account): Promise<ExplorerNode[]> {
    const filter = this.filterOf(node.deploymentKey, node.section);
    const isAdmin = account.session.isAdmin === true;
    if (filter) {
      return this.listChildren(
        node,
        fetch.searchEntities(account.api, node.section, filter),
        (e) =>
          entityNode(e, node.section, {
            holderId: node.id,
            prefix: '=',
            deploymentKey: node.deploymentKey,
            deleted: false,
            isAdmin,
          }),
        `Nothing matches "${filter}"`,
      );
    }
    const { owners, error } = await this.store.cached(`${node.deploymentKey}/#owners`, () => ownersOf(account));
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
      out.push({
        ...this.errorNode(node, error),
        message: `Could not list your organizations: ${describeError(error)}`,
      });
    }
    if (owners.length === 0 && error === undefined) {
      out.push({
        kind: 'message',
        id: `${node.id}/#notUser`,
        parentId: node.id,
        deploymentKey: node.deploymentKey,
        icon: 'info',
        message: `${account.session.accountLabel} is not a user; sign in as a user to list what you own`,
      });
    }
    out.push({
      kind: 'deleted',
      section: node.section,
      id: `${node.id}/~deleted`,
      parentId: node.id,
      deploymentKey: node.deploymentKey,
    } satisfies DeletedNode);
    return out;
  }

  /** The nodes of a paged list: its items, then an error, an empty state or "Load more". */
  private async listChildren<T>(
    holder: ExplorerNode,
    fetcher: PageFetcher<T>,
    toNode: (item: T) => ExplorerNode | undefined,
    empty: string | Pick<MessageNode, 'message' | 'icon' | 'command' | 'commandArgs'>,
  ): Promise<ExplorerNode[]> {
    const key = holder.id;
    let list = this.store.list(key, fetcher, this.options.pageSize());
    await list.ensure();
    while (list.disposed) {
      // A refresh dropped the list while it loaded: what counts is the list that replaced it.
      list = this.store.list(key, fetcher, this.options.pageSize());
      await list.ensure();
    }
    const out = list.items.map(toNode).filter((n): n is ExplorerNode => n !== undefined);
    if (list.error !== undefined) {
      out.push(this.errorNode(holder, list.error));
      if (list.items.length === 0) {
        this.store.forgetList(key); // nothing to keep: expanding again retries
      }
    } else if (out.length === 0) {
      const state = typeof empty === 'string' ? { icon: 'info' as const, message: empty } : empty;
      out.push({
        kind: 'message',
        id: `${holder.id}/#empty`,
        parentId: holder.id,
        deploymentKey: holder.deploymentKey,
        ...state,
      });
    }
    if (list.hasMore && list.items.length > 0) {
      out.push({
        kind: 'loadMore',
        id: `${holder.id}/#more`,
        parentId: holder.id,
        deploymentKey: holder.deploymentKey,
        listKey: key,
        loaded: list.items.length,
        total: list.total,
      });
    }
    this.updateTotal(holder, list.total);
    return out;
  }

  private updateTotal(holder: ExplorerNode, total: number | undefined): void {
    if (HOLDERS.has(holder.kind)) {
      const h = holder as { total?: number };
      if (h.total !== total) {
        h.total = total;
        // The holder's description shows the count; tell the tree once it is known, after the tree has taken the
        // children it asked for (a change while it takes them would overtake them, see ChangeLog).
        setTimeout(() => {
          if (this.store.node(holder.id) === holder) {
            this.fire(holder);
          }
        }, 0);
      }
    }
  }

  private errorNode(parent: ExplorerNode, error: unknown): ErrorNode {
    return {
      kind: 'error',
      id: `${parent.id}/#error`,
      parentId: parent.id,
      deploymentKey: parent.deploymentKey,
      message: describeError(error),
    };
  }

  private fire(node: ExplorerNode | undefined): void {
    this.changes.fire(node);
  }

  private sessionSnapshot(): Map<string, string> {
    const out = new Map<string, string>([
      [
        '#order',
        this.accounts
          .deployments()
          .map((d) => d.key)
          .join(' '),
      ],
    ]);
    for (const d of this.accounts.deployments()) {
      const s = this.accounts.account(d.key)?.session;
      out.set(d.key, `${d.name}|${s ? `${s.id}|${s.isAdmin === true}` : ''}`);
    }
    return out;
  }

  /** Sign-in, sign-out, switch account or a changed deployment list: drop what belonged to the old account. */
  private accountsChanged(): void {
    const next = this.sessionSnapshot();
    let changed = false;
    for (const key of new Set([...this.sessions.keys(), ...next.keys()])) {
      if (this.sessions.get(key) !== next.get(key)) {
        this.store.forget(key);
        changed = true;
      }
    }
    this.sessions = next;
    // A token refresh also fires; the tree only needs telling when something it shows changed.
    if (changed) {
      this.fire(undefined);
    }
  }
}
