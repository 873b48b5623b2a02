// Where an explorer node sits and what it shows under it (explorer/model.ts keeps one per node it handed out).
import type { NodeList } from './nodeList';
import type { ExplorerNode } from './nodeTypes';

/** Where a node sits and what it shows under it. Loads of one node run one at a time. */
export class Branch {
  children: ExplorerNode[] | undefined;
  list: NodeList<unknown> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly node: ExplorerNode | undefined,
    readonly parent: ExplorerNode | undefined,
  ) {}

  exclusive(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
