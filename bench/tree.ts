// Tree: an owner's OAuth clients as explorer nodes and VS Code tree items — the time to show the first page of
// 1,000, and the heap each item keeps (nodes, tree items and the model's cache) once all 10,000 are loaded.
// The server runs in a process of its own (serverProcess.ts), so its heap is not in the figure.
import type { Accounts } from '../src/auth/accounts';
import type { StoredSession } from '../src/auth/sessions';
import type { ExplorerNode, OwnerNode } from '../src/explorer/nodeTypes';
import { TtsClient } from '../src/tts/client';
import { resolveDeployment } from '../src/tts/deployments';
import { installFakeVscode } from './fakeVscode';
import { start, WORLD } from './serverProcess';
import { heapUsed, median, mb, timed, type Result } from './setup';

const PAGE = 1000; // the largest page size the settings allow

/** The retained heap: what is left after full collections (npm run bench runs Node with --expose-gc). */
function retainedHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('Run the bench with node --expose-gc (npm run bench does).');
  }
  gc();
  gc(); // a second pass collects what the first one's finalizers released
  return heapUsed();
}

/**
 * One run on a new model: the owner's first page, then Load more until all are loaded, as tree items. Its own
 * function, so nothing of a run outlives it (an async function keeps its locals until they are overwritten).
 */
async function run(
  accounts: Accounts,
): Promise<{ firstPageMs: number; items: number; retained: number; inModel: number }> {
  installFakeVscode();
  const { ExplorerModel } = await import('../src/explorer/model');
  const { treeItemFor } = await import('../src/explorer/vscode/nodes');
  const model = new ExplorerModel(accounts, { pageSize: () => PAGE });
  try {
    const [root] = await model.children();
    const section = (await model.children(root)).find((n) => n.kind === 'section' && n.section === 'clients')!;
    const owner = (await model.children(section)).find((n): n is OwnerNode => n.kind === 'owner' && n.isSelf)!;
    const toItems = (nodes: ExplorerNode[]): unknown[] => nodes.map((n) => treeItemFor(n, model.parent(n)));
    const before = retainedHeap();
    const first = await timed(async () => toItems(await model.children(owner)).length);
    let nodes = await model.children(owner);
    for (let last = nodes.at(-1); last?.kind === 'loadMore'; last = nodes.at(-1)) {
      await model.loadMore(last);
      nodes = await model.children(owner);
    }
    const inModel = retainedHeap() - before;
    const treeItems = toItems(nodes);
    const retained = retainedHeap() - before;
    const items = nodes.filter((n) => n.kind === 'client').length;
    if (first.value !== PAGE + 1 || items !== WORLD.clients || treeItems.length !== nodes.length) {
      throw new Error(
        `Expected ${PAGE} clients and Load more on the first page, then ${WORLD.clients} clients; got ${first.value} and ${items}.`,
      );
    }
    return { firstPageMs: first.ms, items, retained, inModel };
  } finally {
    model.dispose();
  }
}

export async function measureTree(runs = 5): Promise<Result[]> {
  const { MemoryAccounts } = await import('../test/support/explorerFixture');
  const server = await start();
  try {
    const deployment = resolveDeployment({ name: 'Bench', url: server.url });
    const session: StoredSession = {
      id: `${deployment.key}/${WORLD.user}`,
      deploymentKey: deployment.key,
      accountId: WORLD.user,
      accountLabel: WORLD.user,
      method: 'oauth',
      clientId: 'vscode-ext',
      scopes: [],
      createdAt: Date.now(),
      tokens: {
        accessToken: server.token,
        refreshToken: '',
        expiresAt: Date.now() + 3_600_000,
        obtainedAt: Date.now(),
      },
    };
    const api = new TtsClient({ baseUrl: server.url, auth: { token: async () => server.token } });
    const accounts = new MemoryAccounts([deployment]);
    accounts.signIn({ deployment, session, api });
    await run(accounts); // warm-up: compiles the code and opens the connection; not counted
    const results = [];
    for (let i = 0; i < runs; i++) {
      results.push(await run(accounts));
    }
    const perItem = results.map((r) => r.retained / r.items);
    const inModel = median(results.map((r) => r.inModel / r.items));
    const items = results[0].items;
    const kbs = (bytes: number): number => Math.round(bytes / 102.4) / 10;
    return [
      {
        name: `tree: first page of an owner's clients (${PAGE}) → tree items, median of ${runs}`,
        value: Math.round(median(results.map((r) => r.firstPageMs))),
        unit: 'ms',
        note: `${WORLD.latencyMs} ms latency`,
      },
      {
        name: `tree: retained heap per item, ${items} items, median of ${runs}`,
        value: kbs(median(perItem)),
        unit: 'KB',
        note: `runs: ${perItem.map(kbs).join(' / ')} KB; ${kbs(inModel)} KB of it nodes and cache; ${mb(median(perItem) * items)} MB in all`,
      },
    ];
  } finally {
    await server.close();
  }
}
