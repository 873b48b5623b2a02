// The extension-host half of a VS Code TreeView (ExtHostTreeView of VS Code 1.99, the version code-server 4.99.4
// runs; src/vs/workbench/api/common/extHostTreeViews.ts), reduced to what decides handles: which element a handle
// names, when a handle is forgotten, when registering one fails, what a change event does. Written from reading that
// source; the rules it keeps are listed in ARCHITECTURE.md ("The explorer and VS Code's tree").
import type { VirtualClock } from './clock';

export const enum Collapse {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

/** What a provider's getTreeItem returns, as far as the tree is concerned. */
export interface ItemLike {
  id?: string;
  label: string;
  description?: string;
  collapsibleState: Collapse;
}

export interface ProviderLike<T> {
  getChildren(element?: T): Promise<T[] | undefined> | T[] | undefined;
  getTreeItem(element: T): ItemLike | Promise<ItemLike>;
}

/** An item as it crosses to the workbench (ITreeItem). */
export interface WireItem {
  handle: string;
  parentHandle?: string;
  label: string;
  description?: string;
  collapsibleState: Collapse;
}

interface HostNode {
  item: WireItem;
  parent: HostNode | undefined;
  children: HostNode[] | undefined;
}

export interface Log {
  error(message: string): void;
}

/** Root is `undefined` in a change event, as `onDidChangeTreeData.fire(undefined)`. */
export type Changed<T> = T | T[] | undefined;

export class ExtHostTree<T> {
  private roots: HostNode[] | undefined;
  private readonly elements = new Map<string, T>();
  private readonly nodes = new Map<T, HostNode>();
  private cancelled = { value: false };
  private refreshQueue: Promise<void> = Promise.resolve();
  // Event.debounce(…, 200, leading = true)
  private debounceTimer: { cancel(): void } | undefined;
  private debounced: (T | undefined)[] = [];
  private debouncedCalls = 0;

  constructor(
    private readonly provider: ProviderLike<T>,
    private readonly clock: VirtualClock,
    private readonly log: Log,
    /** $refresh on the workbench: resolves when the workbench finished refreshing. */
    private readonly refreshWorkbench: (items: Record<string, WireItem> | undefined) => Promise<void>,
  ) {}

  /** The provider's onDidChangeTreeData fired. */
  changed(elementOrElements: Changed<T>): void {
    if (Array.isArray(elementOrElements) && elementOrElements.length === 0) {
      return;
    }
    const list = Array.isArray(elementOrElements) ? elementOrElements : [elementOrElements];
    this.debouncedCalls++;
    this.debounced.push(...list);
    if (!this.debounceTimer) {
      this.deliver(this.debounced); // leading edge
      this.debounced = [];
    }
    this.debounceTimer?.cancel();
    this.debounceTimer = this.clock.setTimeout(() => {
      const trailing = this.debounced;
      this.debounced = [];
      this.debounceTimer = undefined;
      if (this.debouncedCalls > 1) {
        this.deliver(trailing);
      }
      this.debouncedCalls = 0;
    }, 200);
  }

  /** The workbench asks ($getChildren): for each handle, its children, or the roots without handles. */
  async getChildrenBatch(handles: string[] | undefined): Promise<(number | WireItem)[][]> {
    if (!handles) {
      const children = await this.getChildren(undefined);
      return children ? [[0, ...children]] : [];
    }
    const result: (number | WireItem)[][] = [];
    for (let i = 0; i < handles.length; i++) {
      const children = await this.getChildren(handles[i]);
      if (children) {
        result.push([i, ...children]);
      }
    }
    return result;
  }

  /** Whether the host knows this handle (a click on a row with an unknown handle logs "No tree item"). */
  knows(handle: string): boolean {
    return this.elements.has(handle);
  }

  private deliver(elements: (T | undefined)[]): void {
    if (elements.length === 0) {
      return;
    }
    const distinct = [...new Set(elements)];
    this.refreshQueue = this.refreshQueue.then(() => this.refresh(distinct));
  }

  private async getChildren(parentHandle: string | undefined): Promise<WireItem[] | undefined> {
    const parentElement = parentHandle ? this.elements.get(parentHandle) : undefined;
    if (parentHandle && parentElement === undefined) {
      this.log.error(`No tree item with id '${parentHandle}' found.`);
      return [];
    }
    const cached = parentHandle ? this.nodes.get(parentElement as T)?.children : this.roots;
    const nodes = cached ?? (await this.fetchChildren(parentElement));
    return nodes?.map((n) => n.item);
  }

  private async fetchChildren(parentElement: T | undefined): Promise<HostNode[] | undefined> {
    this.clearChildren(parentElement);
    const cancelled = this.cancelled;
    const parentNode = parentElement === undefined ? undefined : this.nodes.get(parentElement);
    const elements = (await this.provider.getChildren(parentElement)) ?? [];
    if (cancelled.value) {
      return undefined;
    }
    const items = await Promise.all(elements.map((e) => this.provider.getTreeItem(e)));
    if (cancelled.value) {
      return undefined;
    }
    return items.map((item, i) => this.register(elements[i], item, parentNode));
  }

  private register(element: T, item: ItemLike, parent: HostNode | undefined): HostNode {
    const node = this.createNode(item, parent);
    if (item.id && this.elements.has(node.item.handle)) {
      throw new Error(`Element with id ${item.id} is already registered`);
    }
    this.elements.set(node.item.handle, element);
    this.nodes.set(element, node);
    if (parent) {
      (parent.children ??= []).push(node);
    } else {
      (this.roots ??= []).push(node);
    }
    return node;
  }

  private createNode(item: ItemLike, parent: HostNode | undefined): HostNode {
    return {
      item: {
        // Items without an id get a handle from the parent's and the label (never used by the explorer).
        handle: item.id ? `1/${item.id}` : `${parent?.item.handle ?? '0'}/0:${item.label}`,
        parentHandle: parent?.item.handle,
        label: item.label,
        description: item.description,
        collapsibleState: item.collapsibleState,
      },
      parent,
      children: undefined,
    };
  }

  private async refresh(elements: (T | undefined)[]): Promise<void> {
    if (elements.some((e) => e === undefined)) {
      this.cancelled.value = true; // every child fetch under way is thrown away
      this.cancelled = { value: false };
      this.clearAll();
      return this.refreshWorkbench(undefined);
    }
    const handles = this.handlesToRefresh(elements as T[]);
    if (handles.length === 0) {
      return;
    }
    const items: Record<string, WireItem> = {};
    await Promise.all(
      handles.map(async (handle) => {
        const element = this.elements.get(handle);
        const existing = element === undefined ? undefined : this.nodes.get(element);
        if (element === undefined || !existing) {
          return;
        }
        this.clearChildren(element);
        const item = await this.provider.getTreeItem(element);
        const node = this.createNode(item, existing.parent);
        // updateNodeCache: the element now has a new node; the parent's list points at it.
        this.elements.delete(node.item.handle);
        this.nodes.delete(element);
        if (node.item.handle !== existing.item.handle) {
          this.elements.delete(existing.item.handle);
        }
        this.elements.set(node.item.handle, element);
        this.nodes.set(element, node);
        const siblings = existing.parent ? existing.parent.children : this.roots;
        const at = siblings?.findIndex((s) => s.item.handle === existing.item.handle) ?? -1;
        if (siblings && at >= 0) {
          siblings.splice(at, 1, node);
        }
        items[handle] = node.item;
      }),
    );
    if (Object.keys(items).length > 0) {
      await this.refreshWorkbench(items);
    }
  }

  /** The changed elements the host knows whose ancestors are not changed too (getHandlesToRefresh). */
  private handlesToRefresh(elements: T[]): string[] {
    const nodes = elements.map((e) => this.nodes.get(e)).filter((n): n is HostNode => n !== undefined);
    const changed = new Set(nodes.map((n) => n.item.handle));
    return nodes
      .filter((n) => {
        for (let p = n.parent; p; p = p.parent) {
          if (changed.has(p.item.handle)) {
            return false;
          }
        }
        return true;
      })
      .map((n) => n.item.handle)
      .filter((h, i, all) => all.indexOf(h) === i);
  }

  private clearChildren(parentElement: T | undefined): void {
    if (parentElement === undefined) {
      this.clearAll();
      return;
    }
    const node = this.nodes.get(parentElement);
    if (node) {
      this.clearBelow(node);
      node.children = undefined;
    }
  }

  private clearBelow(node: HostNode): void {
    for (const child of node.children ?? []) {
      const element = this.elements.get(child.item.handle);
      if (element !== undefined) {
        this.clear(element);
      }
    }
  }

  private clear(element: T): void {
    const node = this.nodes.get(element);
    if (node) {
      this.clearBelow(node);
      this.nodes.delete(element);
      this.elements.delete(node.item.handle);
    }
  }

  private clearAll(): void {
    this.roots = undefined;
    this.elements.clear();
    this.nodes.clear();
  }
}
