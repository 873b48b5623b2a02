// The workbench half of a VS Code TreeView in VS Code 1.99, as far as it decides which handles the workbench asks
// about and when: the main thread's item map (mainThreadTreeViews.ts), the view's refresh queue and batched child
// requests (browser/parts/views/treeView.ts), and the asynchronous data tree with its subtree refreshes and the
// rendered object tree (base/browser/ui/tree/asyncDataTree.ts). Written from reading those files; the rules it keeps
// are listed in ARCHITECTURE.md ("The explorer and VS Code's tree").
import type { VirtualClock } from './clock';
import { Collapse, type WireItem } from './extHost';
import { errorMessage } from '../../../src/util/errorMessage';

/** An item as the workbench holds it; it caches its children until the view refreshes it. */
export interface Item extends WireItem {
  children?: Item[];
}

/** AsyncDataTree's node for one element (identity by handle). */
interface DataNode {
  element: Item;
  id: string;
  parent: DataNode | undefined;
  children: DataNode[];
  hasChildren: boolean;
  stale: boolean;
  refreshPromise: Promise<void> | undefined;
}

/** The rendered object tree's node. */
interface Rendered {
  collapsed: boolean;
  children: DataNode[];
}

export interface Row {
  handle: string;
  label: string;
  description?: string;
  depth: number;
  collapsible: boolean;
  expanded: boolean;
}

export interface WorkbenchLink {
  /** $getChildren on the extension host (undefined: the roots). */
  getChildren(handles: string[] | undefined): Promise<(number | Item)[][]>;
}

export class Workbench {
  /** The window's log: errors the view catches and logs (treeView.ts doRefresh, onUnexpectedError). */
  readonly windowErrors: string[] = [];
  /** Error notifications (mainThreadTreeViews: a failed $getChildren). */
  readonly notifications: string[] = [];
  private readonly itemsMap = new Map<string, Item>();
  private readonly root: Item = { handle: '#root', label: '', collapsibleState: Collapse.Expanded };
  private readonly rootNode: DataNode;
  private readonly nodes = new Map<Item, DataNode>();
  private readonly subTreeRefreshes = new Map<DataNode, Promise<void>>();
  private readonly childFetches = new Map<DataNode, Promise<Item[]>>();
  private readonly rendered = new Map<DataNode, Rendered>();
  private refreshing = false;
  private refreshDone: (() => void)[] = [];
  private renderWaiters: (() => void)[] = [];
  private batch: Item[] | undefined;
  private batchPromise: Promise<Item[][]> | undefined;

  constructor(
    private readonly clock: VirtualClock,
    private link: WorkbenchLink,
  ) {
    this.rootNode = {
      element: this.root,
      id: this.root.handle,
      parent: undefined,
      children: [],
      hasChildren: true,
      stale: true,
      refreshPromise: undefined,
    };
    this.nodes.set(this.root, this.rootNode);
    this.rendered.set(this.rootNode, { collapsed: false, children: [] });
  }

  setLink(link: WorkbenchLink): void {
    this.link = link;
  }

  /** The view becomes visible: it loads from the root. */
  open(): Promise<void> {
    return this.refresh(undefined);
  }

  // ---- what a user sees and does ----

  /** The rows on screen, top to bottom. */
  rows(): Row[] {
    const out: Row[] = [];
    const walk = (node: DataNode, depth: number): void => {
      for (const child of this.rendered.get(node)?.children ?? []) {
        const r = this.rendered.get(child);
        const expanded = child.hasChildren && r !== undefined && !r.collapsed;
        out.push({
          handle: child.element.handle,
          label: child.element.label,
          description: child.element.description,
          depth,
          collapsible: child.hasChildren,
          expanded,
        });
        if (expanded) {
          walk(child, depth + 1);
        }
      }
    };
    walk(this.rootNode, 0);
    return out;
  }

  /** A click on the row (or its twistie): expands a collapsed row, collapses an expanded one. */
  click(handle: string): void {
    const node = [...this.rendered.keys()].find((n) => n !== this.rootNode && n.element.handle === handle);
    const r = node && this.rendered.get(node);
    if (!node || !r) {
      throw new Error(`no row ${handle} on screen`);
    }
    if (!node.hasChildren) {
      return;
    }
    r.collapsed = !r.collapsed;
    if (!r.collapsed && node.stale) {
      this.refreshAndRender(node, false).catch((e: unknown) => this.windowErrors.push(String(e)));
    }
  }

  // ---- main thread: $refresh from the extension host ----

  /** mainThreadTreeViews.$refresh: only items the main thread holds are refreshed; none of them → the root. */
  $refresh(itemsByHandle: Record<string, WireItem> | undefined): Promise<void> {
    const items: Item[] = [];
    for (const [handle, next] of Object.entries(itemsByHandle ?? {})) {
      const current = this.itemsMap.get(handle);
      if (current) {
        Object.assign(current, { ...next, children: current.children });
        items.push(current);
      }
    }
    return this.refresh(items.length ? items : undefined);
  }

  // ---- treeView.ts ----

  private async refresh(elements: Item[] | undefined): Promise<void> {
    if (this.refreshing) {
      await new Promise<void>((r) => this.refreshDone.push(r));
    }
    const list = elements ?? [this.root];
    list.forEach((e) => (e.children = undefined));
    this.refreshing = true;
    try {
      await Promise.all(list.map((e) => this.updateChildren(e)));
    } catch (error) {
      this.windowErrors.push(errorMessage(error));
    }
    this.refreshing = false;
    const done = this.refreshDone;
    this.refreshDone = [];
    done.forEach((r) => r());
  }

  /** TreeDataSource.getChildren: requests made in one task go to the extension host as one batch. */
  private getChildren(element: Item): Promise<Item[]> {
    if (this.batch === undefined) {
      this.batch = [element];
      this.batchPromise = undefined;
    } else {
      this.batch.push(element);
    }
    const index = this.batch.length - 1;
    return new Promise<Item[]>((resolve, reject) => {
      this.clock.setTimeout(() => {
        const batch = this.batch ?? [];
        this.batch = undefined;
        this.batchPromise ??= this.getChildrenBatch(batch);
        this.batchPromise.then((result) => resolve(index < result.length ? result[index] : []), reject);
      }, 0);
    });
  }

  /** The view's data provider: children cached on the items, else one $getChildren. */
  private async getChildrenBatch(nodes: Item[]): Promise<Item[][]> {
    if (nodes.length > 0 && nodes.every((n) => n.children)) {
      return nodes.map((n) => n.children ?? []);
    }
    const roots = nodes.length === 1 && nodes[0] === this.root;
    const batched = await this.mainThreadGetChildren(roots ? undefined : nodes);
    nodes.forEach((n, i) => (n.children = batched[i]));
    return batched;
  }

  /** mainThreadTreeViews TreeViewDataProvider.getChildrenBatch: new item objects, kept by handle. */
  private async mainThreadGetChildren(parents: Item[] | undefined): Promise<Item[][]> {
    if (!parents) {
      this.itemsMap.clear();
    }
    let answer: (number | Item)[][];
    try {
      answer = await this.link.getChildren(parents?.map((p) => p.handle));
    } catch (error) {
      this.notifications.push(errorMessage(error));
      return [];
    }
    // convertTransferChildren + postGetChildren: a parent the host gave nothing for (a fetch a refresh cancelled)
    // gets an empty list.
    const groups: Item[][] = Array.from({ length: parents?.length ?? 0 }, () => []);
    for (const [index, ...children] of answer) {
      groups[index as number] = (children as Item[]).map((c) => {
        const item: Item = { ...c, children: undefined };
        this.itemsMap.set(item.handle, item);
        return item;
      });
    }
    return groups;
  }

  // ---- asyncDataTree.ts ----

  private async updateChildren(element: Item): Promise<void> {
    if (this.rootNode.refreshPromise) {
      await this.rootNode.refreshPromise;
      await new Promise<void>((r) => this.renderWaiters.push(r));
    }
    const node = this.nodes.get(element);
    if (!node) {
      throw new Error(`Data tree node not found: ${element.handle}`);
    }
    await this.refreshAndRender(node, true);
  }

  private async refreshAndRender(node: DataNode, recursive: boolean): Promise<void> {
    await this.refreshNode(node, recursive);
    this.render(node);
  }

  private async refreshNode(node: DataNode, recursive: boolean): Promise<void> {
    for (const [other, promise] of this.subTreeRefreshes) {
      if (intersects(other, node)) {
        return promise.then(() => this.refreshNode(node, recursive));
      }
    }
    if (node !== this.rootNode) {
      const r = this.rendered.get(node);
      if (!r) {
        throw new Error(`Tree element not found: ${node.id}`);
      }
      if (r.collapsed) {
        node.stale = true;
        this.setChildren(node, [], recursive);
        return;
      }
    }
    return this.refreshSubTree(node, recursive);
  }

  private async refreshSubTree(node: DataNode, recursive: boolean): Promise<void> {
    let done!: () => void;
    const promise = new Promise<void>((r) => (done = r));
    node.refreshPromise = promise;
    this.subTreeRefreshes.set(node, promise);
    void promise.finally(() => {
      node.refreshPromise = undefined;
      this.subTreeRefreshes.delete(node);
    });
    try {
      const toRefresh = await this.refreshChildren(node, recursive);
      node.stale = false;
      await Promise.allSettled(toRefresh.map((c) => this.refreshSubTree(c, recursive)));
    } finally {
      done();
    }
  }

  private async refreshChildren(node: DataNode, recursive: boolean): Promise<DataNode[]> {
    node.hasChildren = node.element.collapsibleState !== Collapse.None;
    if (!node.hasChildren) {
      return this.setChildren(node, [], recursive);
    }
    let fetch = this.childFetches.get(node);
    if (!fetch) {
      fetch = this.getChildren(node.element);
      this.childFetches.set(node, fetch);
      void fetch.finally(() => this.childFetches.delete(node)).catch(() => undefined);
    }
    try {
      return this.setChildren(node, await fetch, recursive);
    } catch (error) {
      const r = this.rendered.get(node);
      if (node !== this.rootNode && r) {
        r.collapsed = true;
      }
      throw error;
    }
  }

  private setChildren(node: DataNode, elements: Item[], recursive: boolean): DataNode[] {
    if (node.children.length === 0 && elements.length === 0) {
      return [];
    }
    const byId = new Map(node.children.map((c) => [c.id, c]));
    const forget = new Set(node.children);
    const toRefresh: DataNode[] = [];
    const children = elements.map((element): DataNode => {
      const hasChildren = element.collapsibleState !== Collapse.None;
      const existing = byId.get(element.handle);
      if (existing) {
        forget.delete(existing);
        this.nodes.delete(existing.element);
        this.nodes.set(element, existing);
        existing.element = element;
        existing.hasChildren = hasChildren;
        const r = this.rendered.get(existing);
        const collapsed = r !== undefined && r.collapsed;
        if (recursive) {
          if (collapsed) {
            existing.children.forEach((c) => this.forgetNodes(c));
            existing.children = [];
            existing.stale = true;
          } else {
            toRefresh.push(existing);
          }
        } else if (hasChildren && !collapsed) {
          toRefresh.push(existing);
        }
        return existing;
      }
      const created: DataNode = {
        element,
        id: element.handle,
        parent: node,
        children: [],
        hasChildren,
        stale: true,
        refreshPromise: undefined,
      };
      if (hasChildren && element.collapsibleState === Collapse.Expanded) {
        toRefresh.push(created);
      }
      return created;
    });
    forget.forEach((n) => this.forgetNodes(n));
    children.forEach((c) => this.nodes.set(c.element, c));
    node.children = children;
    return toRefresh;
  }

  private forgetNodes(node: DataNode): void {
    node.children.forEach((c) => this.forgetNodes(c));
    if (this.nodes.get(node.element) === node) {
      this.nodes.delete(node.element);
    }
  }

  /** ObjectTree.setChildren for the node's subtree as the data tree now holds it; collapse state kept by node. */
  private render(node: DataNode): void {
    const r = this.rendered.get(node);
    if (!r) {
      throw new Error(`Tree element not found: ${node.id}`);
    }
    const put = (parent: DataNode, target: Rendered): void => {
      for (const old of target.children) {
        if (!parent.children.includes(old)) {
          this.unrender(old);
        }
      }
      target.children = parent.hasChildren ? [...parent.children] : [];
      for (const child of target.children) {
        let cr = this.rendered.get(child);
        if (!cr) {
          cr = { collapsed: child.element.collapsibleState !== Collapse.Expanded, children: [] };
          this.rendered.set(child, cr);
        }
        put(child, cr);
      }
    };
    put(node, r);
    const waiters = this.renderWaiters;
    this.renderWaiters = [];
    waiters.forEach((w) => w());
  }

  private unrender(node: DataNode): void {
    const r = this.rendered.get(node);
    r?.children.forEach((c) => this.unrender(c));
    this.rendered.delete(node);
  }
}

function intersects(a: DataNode, b: DataNode): boolean {
  const isAncestor = (x: DataNode, y: DataNode): boolean => {
    for (let p = y.parent; p; p = p.parent) {
      if (p === x) {
        return true;
      }
    }
    return false;
  };
  return a === b || isAncestor(a, b) || isAncestor(b, a);
}
