// What the explorer model keeps between calls: nodes interned by id (so change events name the object the tree
// holds), paged lists and loaded values, all keyed by node id so a refresh drops everything under a node.
import type { ExplorerNode } from './nodeTypes';
import { PagedList, type PageFetcher } from './pagedList';

const within = (key: string, id: string): boolean => key === id || key.startsWith(`${id}/`);

export class ExplorerStore {
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly lists = new Map<string, PagedList<unknown>>();
  private readonly values = new Map<string, Promise<unknown>>();

  node(id: string): ExplorerNode | undefined {
    return this.nodes.get(id);
  }

  allNodes(): ExplorerNode[] {
    return [...this.nodes.values()];
  }

  /** Returns the known object for this id, updated in place, or stores the new one. */
  put<N extends ExplorerNode>(node: N): N {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind) {
      for (const key of Object.keys(existing)) {
        delete (existing as unknown as Record<string, unknown>)[key];
      }
      return Object.assign(existing, node) as N;
    }
    this.nodes.set(node.id, node);
    return node;
  }

  existingList<T>(key: string): PagedList<T> | undefined {
    return this.lists.get(key) as PagedList<T> | undefined;
  }

  list<T>(key: string, fetcher: PageFetcher<T>, pageSize: number): PagedList<T> {
    let list = this.existingList<T>(key);
    if (!list) {
      list = new PagedList(fetcher, pageSize);
      this.lists.set(key, list as PagedList<unknown>);
    }
    return list;
  }

  forgetList(key: string): void {
    this.lists.get(key)?.dispose();
    this.lists.delete(key);
  }

  /** Loads once; a failure is not kept, so the next call retries. */
  cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.values.set(key, value);
      value.catch(() => this.values.delete(key));
    }
    return value;
  }

  /** Drops lists and values under `id`, and the nodes below it (the node itself stays). */
  drop(id: string, includeNode = false): void {
    for (const key of [...this.lists.keys()]) {
      if (within(key, id)) {
        this.forgetList(key);
      }
    }
    for (const key of [...this.values.keys()]) {
      if (within(key, id)) {
        this.values.delete(key);
      }
    }
    for (const key of [...this.nodes.keys()]) {
      if ((includeNode || key !== id) && within(key, id)) {
        this.nodes.delete(key);
      }
    }
  }

  clear(): void {
    this.lists.forEach((l) => l.dispose());
    this.lists.clear();
    this.values.clear();
    this.nodes.clear();
  }
}
