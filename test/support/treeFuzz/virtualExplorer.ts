// The explorer in the Node model of VS Code's tree, on virtual time, against the TTS test server in this process:
// actions (actions.ts) are run as a user and somebody else would, and each settled state is checked — no tree error
// on either side, every row on screen known to the extension host, the rows equal to what the model says and (every
// few checks) to what a fresh explorer lists from the server.
import type { Account } from '../../../src/auth/accounts';
import { ExplorerModel } from '../../../src/explorer/model';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { ExplorerTreeData } from '../../../src/explorer/treeData';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { accountFor, MemoryAccounts } from '../explorerFixture';
import { prng } from '../prng';
import { startTtsServer, type TtsTestServer } from '../ttsServer';
import { seedDemoStack } from '../ttsServer/demoStack';
import { virtualTree, VirtualClock, type VirtualTree } from '../vscodeTree';
import type { Action, BehindTheBack } from './actions';
import { changeBehindTheBack } from './behindTheBack';
import { freeId, itemOf, KEEP_CLIENTS, REFRESHABLE } from './treeItems';
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
        const id = freeId(this.server, `${action.owner}-new-${action.what === 'application' ? 'app' : 'client'}`);
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

  private async behind(change: BehindTheBack, at: number): Promise<void> {
    await changeBehindTheBack(
      {
        server: this.server,
        deploymentKey: this.deployment.key,
        dirty: this.dirty,
        other: this.other,
        newId: (prefix) => freeId(this.server, prefix),
      },
      change,
      at,
    );
  }
}
