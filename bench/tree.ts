// Tree: expanding an owner with 1,000 OAuth clients → explorer nodes and VS Code tree items, and memory per item.
import { installFakeVscode } from './fakeVscode';
import { heapUsed, mb, timed, type Result } from './setup';

export async function measureTree(): Promise<Result[]> {
  installFakeVscode();
  const { explorerFixture } = await import('../test/support/explorerFixture');
  const { treeItemFor } = await import('../src/explorer/vscode/nodes');
  const f = await explorerFixture({ contract: false, user: 'admin', pageSize: 1000 });
  try {
    f.server.seed.user({ id: 'owner-1k' });
    f.server.seed.clients('owner-1k', 1000, { prefix: 'bench-client' });
    const [deployment] = await f.children();
    const section = (await f.children(deployment)).find((n) => n.kind === 'section' && n.section === 'clients')!;
    await f.children(section);
    const owner = { kind: 'owner' as const, section: 'clients' as const, owner: { kind: 'user' as const, id: 'owner-1k' }, label: 'owner-1k', isSelf: false,
      id: `${section.id}/owner/user/owner-1k`, parentId: section.id, deploymentKey: section.deploymentKey };
    // Retained memory, not garbage: collect before and after (npm run bench runs Node with --expose-gc).
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = heapUsed();
    const { ms, value } = await timed(async () => {
      const nodes = await f.model.children(owner);
      return nodes.map((n) => treeItemFor(n, (x) => f.model.parent(x)));
    });
    gc?.();
    const perItem = (heapUsed() - heapBefore) / Math.max(1, value.length);
    const clients = value.length;
    return [
      { name: 'tree: expand an owner with 1,000 clients → tree items', value: Math.round(ms), unit: 'ms', note: `${clients} items` },
      { name: 'tree: memory per item (nodes + items + cache)', value: Math.round(perItem / 102.4) / 10, unit: 'KB', note: `${mb(perItem * clients)} MB in all` },
    ];
  } finally {
    await f.close();
  }
}
