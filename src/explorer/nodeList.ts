// The rows of a list node (no vscode): a server list's items as nodes, then an error, an empty state or "Load more".
// Items already shown keep their node objects when the next page arrives, and an id the server repeats across pages
// (an item added while paging) is shown once.
import { describeError } from '../ui/errorText';
import type { ErrorNode, ExplorerNode, MessageNode } from './nodeTypes';
import type { PagedList } from './pagedList';

export type EmptyState = Pick<MessageNode, 'message' | 'icon' | 'command' | 'commandArgs'>;

/** A node whose description counts its list. */
export type ListHolder = ExplorerNode & { total?: number };

export class NodeList<T> {
  private readonly shown: ExplorerNode[] = [];
  private readonly ids = new Set<string>();
  private mapped = 0;

  constructor(
    private readonly holder: ListHolder,
    private readonly list: PagedList<T>,
    private readonly toNode: (item: T) => ExplorerNode | undefined,
    private readonly empty: EmptyState,
    /** Rows after the list's own (e.g. Recently Deleted after the organizations). */
    private readonly trailer: readonly ExplorerNode[] = [],
  ) {}

  /** The first page's rows (fetched once). */
  async first(): Promise<ExplorerNode[]> {
    await this.list.ensure();
    return this.rows();
  }

  /** The rows with the next page (or the failed page retried). */
  async more(): Promise<ExplorerNode[]> {
    await this.list.loadMore();
    return this.rows();
  }

  private rows(): ExplorerNode[] {
    for (const item of this.list.items.slice(this.mapped)) {
      const node = this.toNode(item);
      if (node && !this.ids.has(node.id)) {
        this.ids.add(node.id);
        this.shown.push(node);
      }
    }
    this.mapped = this.list.items.length;
    this.holder.total = this.list.total;
    const out = [...this.shown];
    const at = (suffix: string) => ({
      id: `${this.holder.id}/${suffix}`,
      parentId: this.holder.id,
      deploymentKey: this.holder.deploymentKey,
    });
    if (this.list.error !== undefined) {
      out.push(errorNode(this.holder, this.list.error));
    } else if (out.length === 0) {
      out.push({ kind: 'message', ...at('#empty'), ...this.empty });
    }
    if (this.list.hasMore && this.list.items.length > 0) {
      out.push({
        kind: 'loadMore',
        ...at('#more'),
        listKey: this.holder.id,
        loaded: this.list.items.length,
        total: this.list.total,
      });
    }
    return [...out, ...this.trailer];
  }
}

/** The row that says a load failed; clicking it refreshes `parent`. */
export function errorNode(parent: ExplorerNode, error: unknown, prefix = ''): ErrorNode {
  return {
    kind: 'error',
    id: `${parent.id}/#error`,
    parentId: parent.id,
    deploymentKey: parent.deploymentKey,
    message: `${prefix}${describeError(error)}`,
  };
}
