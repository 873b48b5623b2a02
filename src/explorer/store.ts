// What the explorer model keeps between calls: one node object per id for as long as its parent shows it (VS Code's
// tree tracks elements by object, so a refresh must hand back the same objects), paged lists and loaded values, all
// keyed by node id so a refresh drops every list and value under a node.
import type { ExplorerNode } from './nodeTypes';
import { PagedList, type PageFetcher } from './pagedList';

const within = (key: string, id: string): boolean => key === id || key.startsWith(`${id}/`);

/** The parent id of the roots (deployments). */
export const ROOT = '';

export class ExplorerStore {
  private readonly nodes = new Map<string, ExplorerNode>();
  /** The ids each parent showed last, in order. */
  private readonly shown = new Map<string, string[]>();
  private readonly lists = new Map<string, PagedList<unknown>>();
  private readonly values = new Map<string, Promise<unknown>>();

  node(id: string): ExplorerNode | undefined {
    return this.nodes.get(id);
  }

  allNodes(): ExplorerNode[] {
    return [...this.nodes.values()];
  }

  /**
   * The children of `parentId` as just computed. A child whose id was shown before keeps its object (updated in
   * place); a repeated id is shown once; children no longer there are forgotten with everything below them.
   */
  setChildren<N extends ExplorerNode>(parentId: string, children: readonly N[]): N[] {
    const seen = new Set<string>();
    const out: N[] = [];
    for (const child of children) {
      if (!seen.has(child.id)) {
        seen.add(child.id);
        out.push(this.put(child));
      }
    }
    for (const id of this.shown.get(parentId) ?? []) {
      if (!seen.has(id)) {
        this.forget(id);
      }
    }
    this.shown.set(
      parentId,
      out.map((n) => n.id),
    );
    return out;
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

  /** Drops the lists and values under `id`, so its children load again; the nodes stay until they are recomputed. */
  drop(id: string): void {
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
  }

  /** Drops `id` itself and everything under it: nodes, lists and values. */
  forget(id: string): void {
    this.drop(id);
    for (const key of [...this.nodes.keys()]) {
      if (within(key, id)) {
        this.nodes.delete(key);
      }
    }
    for (const key of [...this.shown.keys()]) {
      if (key !== ROOT && within(key, id)) {
        this.shown.delete(key);
      }
    }
  }

  clear(): void {
    this.lists.forEach((l) => l.dispose());
    this.lists.clear();
    this.values.clear();
    this.nodes.clear();
    this.shown.clear();
  }

  /** Returns the known object for this id, updated in place, or stores the new one. */
  private put<N extends ExplorerNode>(node: N): N {
    const existing = this.nodes.get(node.id);
    if (existing === node) {
      return node;
    }
    if (existing && existing.kind === node.kind) {
      for (const key of Object.keys(existing)) {
        delete (existing as unknown as Record<string, unknown>)[key];
      }
      return Object.assign(existing, node) as N;
    }
    if (existing) {
      this.forget(node.id); // another kind under the same id: nothing below the old one belongs to the new one
    }
    this.nodes.set(node.id, node);
    return node;
  }
}
