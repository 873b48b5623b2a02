// The explorer's tree (no vscode): per deployment, OAuth clients and applications grouped by owner, paged with
// "Load more", filtered through the search endpoints. Built so that VS Code's TreeView rules hold by construction
// (ARCHITECTURE.md, "The explorer and VS Code's tree"):
// - each node owns its children (a Branch): loaded once when the tree first asks, then answered from memory;
// - a node is handed out complete: a list node's first page (its count) loads with its parent's children;
// - children change only by load, then swap, then one change event for the whole tree (never for one element).
import type { Account, Accounts, Disposable } from '../auth/accounts';
import { Emitter } from '../util/events';
import { Branch } from './branch';
import { deploymentNodes, sessionSnapshot } from './deploymentNodes';
import { isListNode, loadChildren, type Loaded } from './loaders';
import {
  filterListOf,
  type AllEntitiesNode,
  type DeploymentNode,
  type EntityRef,
  type ExplorerNode,
  type FilterList,
  type LoadMoreNode,
  type Section,
  type SectionNode,
} from './nodeTypes';

export interface ModelOptions {
  /** Items per page (the `thingsStack.pageSize` setting). */
  pageSize(): number;
  /** Told about every load that ends in a change of the tree (the view shows progress while it runs). */
  progress?(work: Promise<void>): void;
}

export class ExplorerModel {
  private readonly root = new Branch(undefined, undefined);
  private readonly branches = new WeakMap<ExplorerNode, Branch>();
  private readonly filters = new Map<string, string>();
  private readonly changes = new Emitter<void>();
  private readonly work = new Set<Promise<void>>();
  private sessions: Map<string, string>;
  private readonly subscription: Disposable;

  constructor(
    private readonly accounts: Accounts,
    private readonly options: ModelOptions,
  ) {
    this.sessions = sessionSnapshot(this.accounts);
    this.subscription = accounts.onDidChange(() => this.accountsChanged());
  }

  /** Fires after the tree changed anywhere: the view refreshes from its root (never one element). */
  readonly onDidChange = this.changes.event;

  account(deploymentKey: string): Account | undefined {
    return this.accounts.account(deploymentKey);
  }

  /** Whether this model handed out the node (identity, not shape): commands trust only such nodes. */
  owns(node: unknown): node is ExplorerNode {
    return typeof node === 'object' && node !== null && this.branches.has(node as ExplorerNode);
  }

  /** The node with this id among those the tree shows now. */
  get(id: string): ExplorerNode | undefined {
    return this.find((n) => n.id === id)[0];
  }

  parent(node: ExplorerNode): ExplorerNode | undefined {
    return this.branches.get(node)?.parent;
  }

  /** Nodes the tree shows now (or has loaded under a collapsed row) that match. */
  find(predicate: (node: ExplorerNode) => boolean): ExplorerNode[] {
    const out: ExplorerNode[] = [];
    const walk = (branch: Branch): void => {
      for (const child of branch.children ?? []) {
        if (predicate(child)) {
          out.push(child);
        }
        const below = this.branches.get(child);
        if (below) {
          walk(below);
        }
      }
    };
    walk(this.root);
    return out;
  }

  /** One node per deployment; none while nobody is signed in anywhere, so the welcome view shows. */
  roots(): DeploymentNode[] {
    this.root.children ??= this.deploymentNodes([]);
    return this.root.children as DeploymentNode[];
  }

  /** The children the tree shows under `node`: loaded on the first call, then the same objects until a change. */
  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      return this.roots();
    }
    const branch = this.branches.get(node);
    if (!branch) {
      return [];
    }
    if (!branch.children) {
      await branch.exclusive(async () => {
        if (!branch.children) {
          this.attach(branch, await this.load(node));
        }
      });
    }
    return branch.children ?? [];
  }

  filterOf(deploymentKey: string, list: FilterList): string | undefined {
    return this.filters.get(`${deploymentKey}/${list}`);
  }

  /** Shows only the entities whose ID, name or description contains `text` (search endpoint); undefined clears. */
  async setFilter(deploymentKey: string, list: FilterList, text: string | undefined): Promise<void> {
    const key = `${deploymentKey}/${list}`;
    const value = text?.trim() || undefined;
    if (value) {
      this.filters.set(key, value);
    } else {
      this.filters.delete(key);
    }
    const [node] = this.find(
      (n) =>
        n.deploymentKey === deploymentKey &&
        (n.kind === 'section' || n.kind === 'allEntities') &&
        filterListOf(n) === list,
    );
    if (node?.kind === 'section' || node?.kind === 'allEntities') {
      await this.change(node, (n: SectionNode | AllEntitiesNode) => {
        n.filter = value;
        n.total = undefined;
      });
    }
  }

  async loadMore(node: LoadMoreNode): Promise<void> {
    const holder = this.get(node.listKey);
    const branch = holder && this.branches.get(holder);
    const list = branch?.list;
    if (!branch || !list) {
      return;
    }
    await this.track(
      branch.exclusive(async () => {
        this.attach(branch, { children: await list.more(), list });
      }),
    );
  }

  /** Loads again what the node shows (everything, without one) and then tells the tree. */
  async refresh(node?: ExplorerNode): Promise<void> {
    if (!node) {
      await this.track(this.reloadAll());
      return;
    }
    // A command may hold a node a refresh has since replaced: act on what the tree shows under that id now.
    const current = this.get(node.id);
    if (current) {
      await this.change(current);
    }
  }

  /**
   * Everything anew, loaded before the tree hears of it (with progress, like any other refresh): fresh deployment
   * nodes, and below them again every node that had loaded its children, so the rows the user had open come back
   * with the server's data in one change rather than one lazy load at a time after it.
   */
  private async reloadAll(): Promise<void> {
    const before = this.root.children;
    const loaded = new Set(this.find((n) => this.branches.get(n)?.children !== undefined).map((n) => n.id));
    const roots = this.deploymentNodes([]);
    const reload = async (node: ExplorerNode): Promise<void> => {
      const branch = this.branches.get(node);
      if (!branch) {
        return;
      }
      if (!branch.children) {
        this.attach(branch, await this.load(node));
      }
      await Promise.all((branch.children ?? []).filter((c) => loaded.has(c.id)).map(reload));
    };
    await Promise.all(roots.filter((r) => loaded.has(r.id)).map(reload));
    if (this.root.children === before) {
      this.root.children = roots; // unless a sign-in or sign-out replaced them meanwhile
    }
  }

  /**
   * After a create, delete, restore or purge: the lists of that kind are stale — the section, the admin's list of
   * all — and for an organization also the owners under OAuth Clients and Applications.
   */
  async refreshSection(deploymentKey: string, section: Section): Promise<void> {
    const sections = section === 'organizations' ? ['organizations', 'clients', 'applications'] : [section];
    await this.refreshWhere(
      (n) =>
        n.deploymentKey === deploymentKey &&
        ((n.kind === 'section' && sections.includes(n.section)) || (n.kind === 'allEntities' && n.section === section)),
    );
  }

  /** After an edit: the lists that show the entity load again (with it, its new name or state). */
  async entityChanged(deploymentKey: string, entity: EntityRef): Promise<void> {
    const shown = this.find(
      (n) =>
        n.deploymentKey === deploymentKey &&
        ((n.kind === 'client' && entity.type === 'client' && n.clientId === entity.id) ||
          (n.kind === 'application' && entity.type === 'application' && n.applicationId === entity.id)),
    );
    const holders = new Set(shown.map((n) => this.parent(n)).filter((n): n is ExplorerNode => n !== undefined));
    await Promise.all([...holders].map((h) => this.change(h)));
  }

  /** Loads again the nodes that match, e.g. an application's API keys after one was created. */
  async refreshWhere(predicate: (node: ExplorerNode) => boolean): Promise<void> {
    await Promise.all(this.find(predicate).map((n) => this.change(n)));
  }

  /** After a formatter was written: its rows load again (an application's defaults also show under each device). */
  async formattersChanged(deploymentKey: string, applicationId: string, deviceId?: string): Promise<void> {
    await this.refreshWhere(
      (n) =>
        n.kind === 'formatters' &&
        n.deploymentKey === deploymentKey &&
        n.applicationId === applicationId &&
        (deviceId === undefined || n.deviceId === deviceId),
    );
  }

  /** Resolves when no load that changes the tree is under way (tests). */
  async settled(): Promise<void> {
    while (this.work.size > 0) {
      await Promise.all([...this.work].map((w) => w.catch(() => undefined)));
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }

  /**
   * The one way what the tree shows changes: optionally update the node's own data, load its children anew, swap
   * them in and tell the tree. A node whose children were never asked for has nothing to load.
   */
  private async change<N extends ExplorerNode>(node: N, update?: (node: N) => void): Promise<void> {
    const branch = this.branches.get(node);
    if (!branch) {
      return;
    }
    await this.track(
      branch.exclusive(async () => {
        update?.(node);
        if (branch.children || isListNode(node)) {
          this.attach(branch, await this.load(node));
        }
      }),
    );
  }

  /** Runs `work`, then tells the tree; the view shows progress meanwhile. */
  private async track(work: Promise<void>): Promise<void> {
    const done = work.then(() => this.changes.fire());
    this.work.add(done);
    this.options.progress?.(done);
    try {
      await done;
    } finally {
      this.work.delete(done);
    }
  }

  /** The node's children, with the first page of every list node among them (so their counts show at once). */
  private async load(node: ExplorerNode): Promise<Loaded & { preloaded: Map<ExplorerNode, Loaded> }> {
    const context = {
      account: this.accounts.account(node.deploymentKey),
      pageSize: this.options.pageSize(),
      filterOf: (key: string, list: FilterList) => this.filterOf(key, list),
      hasClientSecret: async (key: string, clientId: string) =>
        (await this.accounts.clientSecret(key, clientId)) !== undefined,
    };
    const loaded = await loadChildren(node, context);
    const preloaded = new Map<ExplorerNode, Loaded>();
    await Promise.all(
      loaded.children.filter(isListNode).map(async (child) => preloaded.set(child, await loadChildren(child, context))),
    );
    return { ...loaded, preloaded };
  }

  /** Makes `loaded` what the branch shows; nodes shown before keep their own branches (Load more). */
  private attach(branch: Branch, loaded: Loaded & { preloaded?: Map<ExplorerNode, Loaded> }): void {
    for (const child of loaded.children) {
      if (!this.branches.has(child)) {
        const below = new Branch(child, branch.node);
        this.branches.set(child, below);
        const pre = loaded.preloaded?.get(child);
        if (pre) {
          this.attach(below, pre);
        }
      }
    }
    branch.children = loaded.children;
    branch.list = loaded.list;
  }

  /** Deployment nodes (deploymentNodes.ts), each new one with a branch of its own. */
  private deploymentNodes(keep: readonly DeploymentNode[]): DeploymentNode[] {
    return deploymentNodes(this.accounts, keep, (node) => this.branches.set(node, new Branch(node, undefined)));
  }

  /** Sign-in, sign-out, switch account or a changed deployment list: what belonged to the old account goes. */
  private accountsChanged(): void {
    const next = sessionSnapshot(this.accounts);
    const changed = new Set<string>();
    for (const key of new Set([...this.sessions.keys(), ...next.keys()])) {
      if (this.sessions.get(key) !== next.get(key)) {
        changed.add(key);
      }
    }
    this.sessions = next;
    // A token refresh also fires; the tree only needs telling when something it shows changed.
    if (changed.size > 0) {
      const keep = (this.root.children ?? []).filter(
        (n): n is DeploymentNode => n.kind === 'deployment' && !changed.has(n.deploymentKey),
      );
      this.root.children = this.deploymentNodes(keep);
      this.changes.fire();
    }
  }
}
