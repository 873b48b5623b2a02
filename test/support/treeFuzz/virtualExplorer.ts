// The explorer in the Node model of VS Code's tree, on virtual time, against the TTS test server in this process:
// actions (actions.ts) are run as a user and somebody else would, and each settled state is checked — no tree error
// on either side, every row on screen known to the extension host, the rows equal to what the model says and (every
// few checks) to what a fresh explorer lists from the server.
import type { Account } from '../../../src/auth/accounts';
import { ExplorerModel } from '../../../src/explorer/model';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { rowOf } from '../../../src/explorer/rows';
import { ExplorerTreeData } from '../../../src/explorer/treeData';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { accountFor, MemoryAccounts } from '../explorerFixture';
import { prng } from '../prng';
import { startTtsServer, type TtsTestServer } from '../ttsServer';
import { seedDemoStack } from '../ttsServer/demoStack';
import { Collapse, virtualTree, VirtualClock, type ItemLike, type VirtualTree } from '../vscodeTree';
import { accountChange } from './accountChanges';
import type { Action, BehindTheBack } from './actions';
import { compareWith, Dirty, withFilters, type ScreenRow } from './oracle';

export interface VirtualExplorerOptions {
  seed: number;
  /** More deployments on the same server (other URLs for it), signed in as alice too. */
  moreDeployments?: string[];
  /** Items per page (small, so "Load more" shows). */
  pageSize?: number;
  /** Largest network delay in virtual ms. */
  maxNetworkMs?: number;
}

const COLLAPSE = { none: Collapse.None, collapsed: Collapse.Collapsed, expanded: Collapse.Expanded } as const;
const REFRESHABLE = new Set<ExplorerNode['kind']>([
  'deployment',
  'section',
  'owner',
  'deleted',
  'client',
  'application',
  'collaborators',
  'apiKeys',
  'devices',
  'formatters',
]);

/** The clients the session's tokens belong to: deleting one signs the test out of everything. */
export const KEEP_CLIENTS = new Set(['vscode-ext', 'vscode-demo', 'cli']);

export function itemOf(node: ExplorerNode): ItemLike {
  const row = rowOf(node);
  return { id: node.id, label: row.label, description: row.description, collapsibleState: COLLAPSE[row.collapsible] };
}

export class VirtualExplorer {
  readonly clock = new VirtualClock();
  readonly dirty = new Dirty();
  readonly random: () => number;
  readonly accounts: MemoryAccounts;
  readonly model: ExplorerModel;
  readonly tree: VirtualTree<ExplorerNode>;
  private readonly other: Account;
  private readonly others = new Map<string, Account>();
  private checks = 0;

  private constructor(
    readonly server: TtsTestServer,
    readonly deployment: Deployment,
    private readonly options: VirtualExplorerOptions,
  ) {
    this.random = prng(options.seed);
    const network = options.maxNetworkMs ?? 30;
    const fetch = server.inProcessFetch((answer) =>
      this.clock.setTimeout(answer, 1 + Math.floor(this.random() * network)),
    );
    const more = (options.moreDeployments ?? []).map((url, i) => resolveDeployment({ name: `Other ${i + 1}`, url }));
    this.accounts = new MemoryAccounts([deployment, ...more]);
    for (const d of [deployment, ...more]) {
      this.accounts.signIn(accountFor(server, d, 'alice', fetch));
    }
    // Somebody else, whose requests are answered at once; also what a fresh explorer lists with.
    const oracle = server.inProcessFetch(undefined, { contract: false });
    this.other = accountFor(server, deployment, 'alice', oracle);
    for (const d of more) {
      this.others.set(d.key, accountFor(server, d, 'alice', oracle));
    }
    this.model = new ExplorerModel(this.accounts, { pageSize: () => options.pageSize ?? 10 });
    const data = new ExplorerTreeData(this.model, itemOf, () => this.tree.changed(undefined));
    this.tree = virtualTree(data, { clock: this.clock, random: this.random });
  }

  static async start(options: VirtualExplorerOptions): Promise<VirtualExplorer> {
    const server = await startTtsServer();
    seedDemoStack(server);
    const deployment = resolveDeployment({ name: 'Local demo stack', url: server.url });
    const x = new VirtualExplorer(server, deployment, options);
    x.clock.install();
    x.clock.setTimeout(() => void x.tree.workbench.open());
    await x.settle();
    return x;
  }

  async close(): Promise<void> {
    this.clock.uninstall();
    this.model.dispose();
    await this.server.close();
  }

  settle(): Promise<void> {
    return this.clock.runUntilIdle();
  }

  screen(): ScreenRow[] {
    return this.tree.workbench.rows().map((r) => ({
      depth: r.depth,
      label: r.label,
      description: r.description,
      expanded: r.collapsible ? r.expanded : undefined,
    }));
  }

  /** Clicks the first row on screen with this label (as a task on virtual time) and waits for the tree to settle. */
  async click(label: string): Promise<void> {
    const row = this.tree.workbench.rows().find((r) => r.label === label);
    if (!row) {
      throw new Error(`no row "${label}" on screen:\n${this.text().join('\n')}`);
    }
    this.clock.setTimeout(() => this.tree.workbench.click(row.handle));
    await this.settle();
  }

  /** The rows on screen as "indent label — description". */
  text(): string[] {
    return this.screen().map(
      (r) => `${'  '.repeat(r.depth)}${r.description ? `${r.label} — ${r.description}` : r.label}`,
    );
  }

  /** The model's node behind a row on screen. */
  nodeOf(handle: string): ExplorerNode | undefined {
    return this.model.get(handle.replace(/^1\//, ''));
  }

  /**
   * Runs one action as a task on virtual time and waits for the tree to settle, except after a quick click: the next
   * click then follows while rows are still arriving. Anything else waits until the tree has settled — a change
   * told to the tree while a request of the workbench is on its way meets VS Code's one-message window
   * (ARCHITECTURE.md); treeClicks.test.ts shows that case on its own.
   */
  async run(action: Action): Promise<void> {
    if (action.kind !== 'click') {
      await this.settle();
    }
    const rows = this.tree.workbench.rows();
    const pick = <T>(list: T[], at: number): T | undefined => (list.length ? list[at % list.length] : undefined);
    const nodes = (test: (n: ExplorerNode) => boolean): ExplorerNode[] =>
      rows.map((r) => this.nodeOf(r.handle)).filter((n): n is ExplorerNode => n !== undefined && test(n));
    // What the user does runs in the workbench: its commands reach the extension host in order with the tree's own
    // requests. Somebody else's changes and sign-ins from other windows do not.
    const later = (work: () => Promise<unknown> | void) => this.clock.setTimeout(() => void work());
    const command = (work: () => Promise<unknown> | void) =>
      this.clock.setTimeout(() => this.tree.command(() => void work()));
    const key = this.deployment.key;
    switch (action.kind) {
      case 'click': {
        const row = pick(
          rows.filter((r) => r.collapsible),
          action.at,
        );
        if (row) {
          later(() => this.tree.workbench.click(row.handle));
        }
        if (action.quick) {
          await this.clock.advance(Math.floor(this.random() * 40));
          return;
        }
        break;
      }
      case 'refresh': {
        const node = pick(
          nodes((n) => REFRESHABLE.has(n.kind)),
          action.at,
        );
        if (node) {
          this.dirty.reloaded(node.id);
          command(() => this.model.refresh(node));
        }
        break;
      }
      case 'refreshAll':
        this.dirty.reloaded();
        command(() => this.model.refresh());
        break;
      case 'loadMore': {
        const node = pick(
          nodes((n) => n.kind === 'loadMore'),
          action.at,
        );
        if (node?.kind === 'loadMore') {
          command(() => this.model.loadMore(node));
        }
        break;
      }
      case 'create': {
        const section = action.what === 'application' ? 'applications' : 'clients';
        const owner =
          action.owner === 'alice'
            ? { kind: 'user' as const, id: 'alice' }
            : { kind: 'organization' as const, id: 'acme' };
        const id = this.freeId(`${action.owner}-new-${action.what === 'application' ? 'app' : 'client'}`);
        command(async () => {
          if (action.what === 'application') {
            await this.accounts
              .account(key)
              ?.api.applications.create(owner, { ids: { application_id: id }, name: `New ${id}` });
          } else {
            await this.accounts.account(key)?.api.clients.create(owner, {
              ids: { client_id: id },
              name: `New ${id}`,
              redirect_uris: ['http://127.0.0.1/callback'],
              grants: ['GRANT_AUTHORIZATION_CODE'],
              rights: ['RIGHT_USER_INFO'],
            });
          }
          this.dirty.reloaded(`${key}/${section}`);
          await this.model.refreshSection(key, section);
        });
        break;
      }
      case 'delete':
      case 'restore': {
        const node = pick(
          nodes(
            (n) =>
              (n.kind === 'application' || n.kind === 'client') &&
              n.deleted === (action.kind === 'restore') &&
              !(n.kind === 'client' && KEEP_CLIENTS.has(n.clientId)),
          ),
          action.at,
        );
        if (node?.kind === 'application' || node?.kind === 'client') {
          const api = this.accounts.account(key)?.api;
          const section = node.kind === 'application' ? 'applications' : 'clients';
          const id = node.kind === 'application' ? node.applicationId : node.clientId;
          command(async () => {
            const registry = node.kind === 'application' ? api?.applications : api?.clients;
            await (action.kind === 'delete' ? registry?.delete(id) : registry?.restore(id))?.catch(() => undefined);
            this.dirty.reloaded(`${key}/${section}`);
            await this.model.refreshSection(key, section);
          });
        }
        break;
      }
      case 'behind':
        await this.behind(action.change, action.at);
        break;
      case 'uplinks':
        for (let i = 0; i < action.count; i++) {
          await this.server.events.emitUplinks('greenhouse-climate', { count: 1 });
        }
        break;
      case 'signOut':
        command(() => this.accounts.signOut(key));
        break;
      case 'signIn':
        this.dirty.reloaded();
        later(() => this.accounts.signIn(accountFor(this.server, this.deployment, 'alice', this.fetchOf())));
        break;
      case 'filter':
      case 'clearFilter': {
        const text = action.kind === 'filter' ? action.text : undefined;
        this.dirty.filter(key, action.section, text);
        command(() => this.model.setFilter(key, action.section, text));
        break;
      }
    }
    await this.settle();
  }

  /**
   * What is wrong now: tree errors either side logged, rows whose handle the extension host does not know, rows that
   * differ from the model, and (every `freshEvery` checks) rows that differ from what the server holds.
   */
  async check(freshEvery = 1): Promise<string[]> {
    const problems = [...this.tree.errors()];
    for (const row of this.tree.workbench.rows()) {
      if (!this.tree.host.knows(row.handle)) {
        problems.push(`the row "${row.label}" is on screen, but the extension host does not know ${row.handle}`);
      }
    }
    const screen = this.screen();
    problems.push(...(await compareWith(this.model, screen, undefined, 'the model', false)));
    if (++this.checks % freshEvery === 0) {
      const accounts = new MemoryAccounts([...this.accounts.deployments()]);
      for (const d of this.accounts.deployments()) {
        const mine = this.accounts.account(d.key);
        if (mine) {
          // As the same session, so it marks the same token as "this VS Code window".
          accounts.signIn({ ...(this.others.get(d.key) ?? this.other), session: mine.session });
        }
      }
      const fresh = new ExplorerModel(accounts, { pageSize: () => this.options.pageSize ?? 10 });
      await withFilters(fresh, this.dirty, [this.deployment.key]);
      problems.push(...(await compareWith(fresh, screen, this.dirty, 'the server', true)));
      fresh.dispose();
    }
    return problems;
  }

  private fetchOf() {
    const network = this.options.maxNetworkMs ?? 30;
    return this.server.inProcessFetch((answer) =>
      this.clock.setTimeout(answer, 1 + Math.floor(this.random() * network)),
    );
  }

  private freeId(prefix: string): string {
    for (let i = 1; ; i++) {
      const id = `${prefix}-${i}`;
      const state = this.server.state;
      if (!state.applications.has(id) && !state.clients.has(id) && !state.organizations.has(id)) {
        return id;
      }
    }
  }

  private async behind(change: BehindTheBack, at: number): Promise<void> {
    const key = this.deployment.key;
    const owners = [
      { kind: 'user' as const, id: 'alice' },
      { kind: 'organization' as const, id: 'acme' },
    ];
    const owner = owners[at % 2];
    const appsOf = (o: (typeof owners)[number]) =>
      [...this.server.state.applications.values()]
        .filter(
          (a) =>
            !a.deleted_at &&
            this.server.state.memberships.get(`application:${a.ids?.application_id}`)?.has(`${o.kind}:${o.id}`),
        )
        .map((a) => a.ids?.application_id ?? '');
    const apps = appsOf(owner);
    const app = apps.length ? apps[Math.floor(at / 2) % apps.length] : undefined;
    switch (change) {
      case 'authorize':
      case 'createOrg':
        this.dirty.touched(...accountChange(this.server, key, change, at, this.freeId('zz-other-org')));
        break;
      case 'createApp':
        this.server.seed.applications(owner, 1, {
          ids: [this.freeId('zz-other-app')],
          name: 'Made elsewhere',
        });
        this.dirty.changed({ deploymentKey: key, section: 'applications', owner });
        break;
      case 'createClient':
        this.server.seed.clients(owner, 1, {
          ids: [this.freeId('zz-other-client')],
          name: 'Made elsewhere',
        });
        this.dirty.changed({ deploymentKey: key, section: 'clients', owner });
        break;
      case 'deleteApp': {
        // The Things Stack refuses to delete an application that still has end devices.
        const empty = apps.filter((a) => (this.server.state.devices.get(a)?.size ?? 0) === 0);
        const app = empty.length ? empty[Math.floor(at / 2) % empty.length] : undefined;
        if (app) {
          await this.other.api.applications.delete(app);
          this.dirty.changed({ deploymentKey: key, section: 'applications', owner, deleted: true });
        }
        break;
      }
      case 'renameApp':
        if (app) {
          await this.other.api.applications.update(app, { name: `Renamed ${at % 100}` }, ['name']);
          this.dirty.changed({ deploymentKey: key, section: 'applications', owner });
        }
        break;
      case 'addDevice':
        if (app) {
          this.server.seed.devices(app, 1, { prefix: 'zz-dev' });
          this.dirty.changed({ deploymentKey: key, section: 'applications', owner, devicesOf: app });
        }
        break;
    }
  }
}
