// The explorer in a real workbench (code-server + headless Chromium), driven as a user drives it: rows clicked in
// the DOM, inline Refresh buttons and context menus, the view's title buttons, commands from the palette with their
// wizards and modals — and changed behind its back on the test server. After each settled action: the rows under
// every expanded row equal what a fresh explorer lists from the server (changes behind the back excepted until a
// refresh covers them), no error notification appeared, and the workbench's logs show no tree error.
import type { Page } from 'playwright-core';
import type { Account } from '../../../src/auth/accounts';
import { ExplorerModel } from '../../../src/explorer/model';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { rowOf } from '../../../src/explorer/rows';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { accountFor, MemoryAccounts } from '../../support/explorerFixture';
import { describeProblems, type LogTripwire } from '../../support/logTripwire';
import {
  clickRow,
  findRow,
  notices,
  rowButton,
  rowMenu,
  rows,
  rowsCut,
  titleButton,
  unexpectedErrors,
  type Row,
} from '../../support/screen';
import type { Action, BehindTheBack } from '../../support/treeFuzz/actions';
import { changeBehindTheBack } from '../../support/treeFuzz/behindTheBack';
import { compareWith, Dirty, withFilters, type ScreenRow } from '../../support/treeFuzz/oracle';
import { KEEP_CLIENTS } from '../../support/treeFuzz/treeItems';
import type { TtsTestServer } from '../../support/ttsServer';
import { runCommand } from '../../support/workbench';
import { answer, dialog } from '../driver';

const QUICK_INPUT = '.quick-input-widget';
const INLINE_REFRESH = new Set([
  'OAuth Clients',
  'Applications',
  'Recently Deleted',
  'Collaborators',
  'API Keys',
  'End Devices',
  'Payload Formatters',
  'Organizations',
  'Authorized Apps',
  'Your API Keys',
]);

export interface WorkbenchExplorerOptions {
  page: Page;
  server: TtsTestServer;
  log: LogTripwire;
  stack: string;
  apiKey: string;
  pageSize: number;
}

/** The labels from the top down to `index`. */
function pathOf(list: readonly Row[], index: number): string[] {
  const path = [list[index].label];
  for (let i = index - 1, level = list[index].level; i >= 0 && level > 1; i--) {
    if (list[i].level === level - 1) {
      path.unshift(list[i].label);
      level--;
    }
  }
  return path;
}

export class WorkbenchExplorer {
  readonly dirty = new Dirty();
  /** Clients whose secret VS Code stored (created here). */
  private readonly secrets = new Set<string>();
  private readonly deployment: Deployment;
  private noticesSeen = 0;
  private signedIn = true;

  /**
   * Somebody else, and what a fresh explorer lists with: one account for the whole run, made before the workbench
   * signs in (each account issues a token of alice's, which a new one per check would add to Authorized Apps).
   */
  private readonly other: Account;

  constructor(private readonly o: WorkbenchExplorerOptions) {
    this.deployment = resolveDeployment({ name: o.stack, url: o.server.url });
    this.other = accountFor(
      o.server,
      this.deployment,
      'alice',
      o.server.inProcessFetch(undefined, { contract: false }),
    );
  }

  private get page(): Page {
    return this.o.page;
  }

  /** Runs one action; waits for the tree to settle unless it is a quick click (the next click follows at once). */
  async run(action: Action): Promise<void> {
    if (action.kind !== 'click') {
      await this.settle();
    }
    const list = await rows(this.page);
    const pick = (test: (r: Row, i: number) => boolean, at: number): string[] | undefined => {
      const candidates = list.map((r, i) => (test(r, i) ? i : -1)).filter((i) => i >= 0);
      return candidates.length ? pathOf(list, candidates[at % candidates.length]) : undefined;
    };
    const key = this.deployment.key;
    switch (action.kind) {
      case 'click': {
        const path = pick((r) => r.expanded !== undefined, action.at);
        if (path) {
          await clickRow(this.page, path);
        }
        if (action.quick) {
          return;
        }
        break;
      }
      case 'refresh': {
        const path = pick(
          (r, i) => r.expanded !== undefined && (r.level <= 2 || INLINE_REFRESH.has(r.label) || this.isEntity(list, i)),
          action.at,
        );
        if (path) {
          const inline = path.length === 1 || INLINE_REFRESH.has(path[path.length - 1]);
          await (inline ? rowButton(this.page, path, 'Refresh') : rowMenu(this.page, path, 'Refresh'));
          await this.reloaded(path);
        }
        break;
      }
      case 'refreshAll':
        if (this.signedIn) {
          await titleButton(this.page, 'Refresh All');
          this.dirty.reloaded();
        }
        break;
      case 'loadMore': {
        const path = pick((r) => r.label === 'Load More…', action.at);
        if (path) {
          await clickRow(this.page, path);
        }
        break;
      }
      case 'create':
        if (this.signedIn) {
          await this.create(action.what, action.owner);
        }
        break;
      case 'delete':
      case 'restore': {
        const path = pick(
          (r, i) => (action.kind === 'restore' ? this.isDeleted(list, i) : this.isEntity(list, i) && this.deletable(r)),
          action.at,
        );
        if (path) {
          await this.deleteOrRestore(action.kind, path);
        }
        break;
      }
      case 'behind':
        await this.behind(action.change, action.at);
        break;
      case 'uplinks':
        for (let i = 0; i < action.count; i++) {
          await this.o.server.events.emitUplinks('greenhouse-climate', { count: 1 });
        }
        break;
      case 'signOut':
        if (this.signedIn) {
          await runCommand(this.page, 'Things Stack: Sign Out');
          const confirm = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Sign Out' });
          await confirm
            .first()
            .click({ timeout: 3_000 })
            .catch(() => undefined); // asked only with several accounts
          await this.page.getByText('Sign in to see your OAuth clients').waitFor({ timeout: 20_000 });
          this.signedIn = false;
        }
        break;
      case 'signIn':
        if (!this.signedIn) {
          await this.signIn();
        }
        break;
      case 'filter':
      case 'clearFilter':
        if (this.signedIn) {
          await this.filter(action.section, action.kind === 'filter' ? action.text : undefined);
          this.dirty.filter(key, action.section, action.kind === 'filter' ? action.text : undefined);
        }
        break;
    }
    await this.settle();
  }

  /** Signs in with alice's API key (as `npm start` prints it). */
  async signIn(): Promise<void> {
    await this.page.locator('.part.sidebar a.monaco-button', { hasText: 'Sign In' }).first().click();
    await answer(this.page, /Sign in to /, 'Use an API key');
    await answer(this.page, /Paste an API key/, this.o.apiKey);
    await this.page
      .locator('.part.sidebar .monaco-list-row', { hasText: this.o.stack })
      .first()
      .waitFor({ timeout: 30_000 });
    this.signedIn = true;
    this.dirty.reloaded();
  }

  /** Waits until the rows stop changing and the view shows no progress. */
  async settle(): Promise<void> {
    let last = '';
    for (let stable = 0, i = 0; stable < 4 && i < 200; i++) {
      await this.page.waitForTimeout(120);
      const busy = await this.page.locator('.part.sidebar .monaco-progress-container.active').count();
      const now = JSON.stringify(await rows(this.page));
      stable = now === last && busy === 0 ? stable + 1 : 0;
      last = now;
    }
  }

  /** What is wrong now (after settle): the logs, error notifications, and the rows against the server. */
  async check(): Promise<string[]> {
    const problems: string[] = [];
    const logged = this.o.log.read();
    if (logged.length > 0) {
      problems.push(`the workbench's logs:\n${describeProblems(logged)}`);
    }
    const all = await notices(this.page);
    const errors = unexpectedErrors(all.slice(this.noticesSeen));
    this.noticesSeen = all.length;
    problems.push(...errors.map((n) => `error notification: ${n.message}`));
    if (!this.signedIn) {
      return problems;
    }
    const screen: ScreenRow[] = (await rows(this.page)).map((r) => ({
      depth: r.level - 1,
      label: r.label,
      description: r.description || undefined,
      expanded: r.expanded,
    }));
    const fresh = this.freshModel();
    try {
      await withFilters(fresh, this.dirty, [this.deployment.key]);
      problems.push(...(await compareWith(fresh, screen, this.dirty, 'the server', true, await rowsCut(this.page))));
    } finally {
      fresh.dispose();
    }
    return problems;
  }

  /** A live application or client row: under an owner, or a filter's result (they expand; messages do not). */
  private isEntity(list: readonly Row[], index: number): boolean {
    const path = pathOf(list, index);
    const inSection = path[1] === 'OAuth Clients' || path[1] === 'Applications';
    const filtered = /^filter:/.test(list[findRow(list, path.slice(0, 2))]?.description ?? '');
    return (
      inSection &&
      list[index].expanded !== undefined &&
      ((path.length === 4 && !filtered && path[2] !== 'Recently Deleted') || (path.length === 3 && filtered))
    );
  }

  /** A row under Recently Deleted that is a deleted application or client. */
  private isDeleted(list: readonly Row[], index: number): boolean {
    const path = pathOf(list, index);
    const filtered = /^filter:/.test(list[findRow(list, path.slice(0, 2))]?.description ?? '');
    return (
      !filtered && path.length === 4 && path[2] === 'Recently Deleted' && /(^|· )deleted/.test(list[index].description)
    );
  }

  /** The ID of an entity row: its description starts with it when it has a name, else its label is the ID. */
  private idOf(r: Row): string {
    return r.description ? r.description.split(' · ')[0] : r.label;
  }

  private deletable(r: Row): boolean {
    const id = this.idOf(r);
    return !KEEP_CLIENTS.has(id) && (this.o.server.state.devices.get(id)?.size ?? 0) === 0;
  }

  /**
   * Marks what a refresh of the row at `path` reloaded — the row's own node and everything below it — as clean. The
   * node's id is found by walking a fresh explorer along the labels; a row it cannot find (renamed meanwhile by
   * somebody else) marks nothing: the check then skips more, never less.
   */
  private async reloaded(path: string[]): Promise<void> {
    const fresh = this.freshModel();
    try {
      let node: ExplorerNode | undefined;
      for (const label of path) {
        node = (await fresh.children(node)).find((n) => rowOf(n).label === label);
        if (!node) {
          return;
        }
      }
      this.dirty.reloaded(node?.id);
    } finally {
      fresh.dispose();
    }
  }

  private freshModel(): ExplorerModel {
    const accounts = new MemoryAccounts([this.deployment]);
    this.secrets.forEach((id) => accounts.secrets.set(`${this.deployment.key}/${id}`, 'stored'));
    const account = this.other;
    // The workbench signs in with alice's API key: its account is "alice (API key)", and no authorized client or
    // token is this window's.
    accounts.signIn({
      ...account,
      session: {
        ...account.session,
        method: 'api-key',
        clientId: undefined,
        accountLabel: `alice (API key) · ${this.o.stack}`,
      },
    });
    return new ExplorerModel(accounts, { pageSize: () => this.o.pageSize });
  }

  private async create(what: 'application' | 'client', owner: 'alice' | 'acme'): Promise<void> {
    const id = `${owner}-fz-${what === 'application' ? 'app' : 'client'}-${Date.now().toString(36)}`;
    if (what === 'application') {
      await runCommand(this.page, 'Things Stack: Create Application');
      await answer(this.page, /\(1\/4\)/, owner);
      await answer(this.page, /\(2\/4\)/, id);
      await answer(this.page, /\(3\/4\)/, `Fuzz ${id}`);
      await answer(this.page, /\(4\/4\)/, '');
    } else {
      await runCommand(this.page, 'Things Stack: Create OAuth Client');
      await answer(this.page, /\(1\/8\)/, owner);
      await answer(this.page, /\(2\/8\)/, id);
      await answer(this.page, /\(3\/8\)/, `Fuzz ${id}`);
      await answer(this.page, /\(4\/8\)/, 'A client made by the randomized tree test; reads user info only.');
      await answer(this.page, /\(5\/8\)/, 'https://fuzz.example.com/callback');
      await answer(this.page, /\(6\/8\)/, '');
      await answer(this.page, /\(7\/8\)/);
      for (let i = 0; i < 6 && !(await this.page.locator('.monaco-dialog-box').isVisible()); i++) {
        if (await this.page.locator(QUICK_INPUT).isVisible()) {
          await answer(this.page, /./);
        } else {
          await this.page.waitForTimeout(300);
        }
      }
      await dialog(this.page, /Secret of OAuth client/, 'I Have Copied It', 30_000);
      this.secrets.add(id); // VS Code keeps the secret it showed: the client's Secret row says so
    }
    this.dirty.reloaded(`${this.deployment.key}/${what === 'application' ? 'applications' : 'clients'}`);
  }

  private async deleteOrRestore(kind: 'delete' | 'restore', path: string[]): Promise<void> {
    const noun = path[1] === 'OAuth Clients' ? 'OAuth Client' : 'Application';
    await rowMenu(this.page, path, `${kind === 'delete' ? 'Delete' : 'Restore'} ${noun}`);
    if (kind === 'delete') {
      await dialog(this.page, /./, 'Delete', 20_000);
      // An application with API keys asks for its ID to be typed.
      const typed = this.page.locator(QUICK_INPUT, { hasText: /to confirm/ });
      if (await typed.isVisible().catch(() => false)) {
        const id = /Type "([^"]+)" to confirm/.exec(await typed.innerText())?.[1] ?? '';
        await answer(this.page, /to confirm/, id);
      }
    }
    this.dirty.reloaded(`${this.deployment.key}/${noun === 'Application' ? 'applications' : 'clients'}`);
  }

  private async filter(section: 'applications' | 'clients', text: string | undefined): Promise<void> {
    if (text === undefined) {
      await runCommand(this.page, 'Things Stack: Clear Filter');
      for (const s of ['applications', 'clients'] as const) {
        this.dirty.filter(this.deployment.key, s, undefined);
      }
      return;
    }
    await runCommand(this.page, 'Things Stack: Filter');
    await answer(this.page, /Filter the Explorer/, section === 'applications' ? 'Applications' : 'OAuth Clients');
    const input = this.page.locator(`${QUICK_INPUT} input.input`);
    await input.fill(text);
    // Matches load as the user types; Enter takes the typed text, which stays the first row.
    await this.page.waitForTimeout(800);
    await input.press('Enter');
  }

  private async behind(change: BehindTheBack, at: number): Promise<void> {
    const stamp = Date.now().toString(36);
    await changeBehindTheBack(
      {
        server: this.o.server,
        deploymentKey: this.deployment.key,
        dirty: this.dirty,
        other: this.other,
        newId: (prefix) => `${prefix}-${stamp}`,
      },
      change,
      at,
    );
  }
}
