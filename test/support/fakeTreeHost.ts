// What VS Code's extension host does with a TreeDataProvider's elements (ExtHostTreeView, VS Code 1.99), reduced to
// the rules that decide whether an id is "already registered": children are filed under the parent node as it was
// when they were asked for; asking clears what was filed under that node before; a refresh of an element clears
// its subtree and replaces its node; an element the host does not know is not refreshed; a TreeItem id that is
// already registered throws. The "workbench" side asks again for the children of every expanded row after a
// refresh, as the real tree does. Plain Node, so the explorer's refresh races can be replayed deterministically.

interface HostNode<T> {
  handle: string;
  element: T;
  parent: HostNode<T> | undefined;
  children: HostNode<T>[] | undefined;
}

export interface FakeTreeSource<T> {
  id(element: T): string;
  label(element: T): string;
  children(element: T | undefined): Promise<T[]>;
  onDidChange(listener: (element: T | undefined) => void): void;
}

export class FakeTreeHost<T> {
  private readonly elements = new Map<string, T>();
  private readonly nodes = new Map<T, HostNode<T>>();
  private roots: HostNode<T>[] | undefined;
  /** Rows the user expanded, by id (the workbench keeps expansion by handle). */
  readonly expanded = new Set<string>();
  readonly errors: string[] = [];
  private pending: Promise<void> = Promise.resolve();
  private readonly loads = new Set<Promise<unknown>>();

  constructor(private readonly source: FakeTreeSource<T>) {
    source.onDidChange((element) => {
      // The host handles change events in order, after the current task (as its debounced listener does).
      this.pending = this.pending
        .then(() => this.refresh(element))
        .catch((e: unknown) => {
          this.errors.push(String(e));
        });
    });
  }

  /** Waits until every refresh and the loads it caused have finished. */
  async settle(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const before = this.pending;
      await before;
      await Promise.all([...this.loads]);
      await new Promise((r) => setTimeout(r, 5));
      if (before === this.pending && this.loads.size === 0) {
        return;
      }
    }
  }

  /** The rows as the workbench shows them: label with two spaces of indent per level, expanded rows' children. */
  async rows(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (parent: T | undefined, depth: number): Promise<void> => {
      for (const child of await this.getChildren(parent)) {
        out.push(`${'  '.repeat(depth)}${this.source.label(child)}`);
        if (this.expanded.has(this.source.id(child))) {
          await walk(child, depth + 1);
        }
      }
    };
    await walk(undefined, 0);
    return out;
  }

  /** The host's getChildren: cached children of a known node, else a load. */
  async getChildren(parent: T | undefined): Promise<T[]> {
    const node = parent === undefined ? undefined : this.nodes.get(parent);
    if (parent !== undefined && !node) {
      return []; // "No tree item with id … found."
    }
    const cached = node ? node.children : this.roots;
    if (cached) {
      return cached.map((n) => n.element);
    }
    return (await this.load(parent)).map((n) => n.element);
  }

  private async load(parent: T | undefined): Promise<HostNode<T>[]> {
    this.clearChildren(parent);
    const parentNode = parent === undefined ? undefined : this.nodes.get(parent);
    const elements = await this.source.children(parent);
    const registered: HostNode<T>[] = [];
    try {
      for (const element of elements) {
        const handle = this.source.id(element);
        if (this.elements.has(handle)) {
          throw new Error(`Element with id ${handle} is already registered`);
        }
        const node: HostNode<T> = { handle, element, parent: parentNode, children: undefined };
        this.elements.set(handle, element);
        this.nodes.set(element, node);
        registered.push(node);
        if (parentNode) {
          (parentNode.children ??= []).push(node);
        } else {
          (this.roots ??= []).push(node);
        }
      }
    } catch (error) {
      this.errors.push(error instanceof Error ? error.message : String(error));
    }
    return registered; // nothing registered: nothing cached either, the next request loads again
  }

  private async refresh(element: T | undefined): Promise<void> {
    if (element === undefined) {
      this.elements.clear();
      this.nodes.clear();
      this.roots = undefined;
    } else {
      const node = this.nodes.get(element);
      if (!node) {
        return; // not an element the host knows: nothing happens
      }
      this.clearChildren(element);
      this.nodes.set(element, { ...node, children: undefined }); // the refreshed item gets a new node
    }
    // The workbench asks again for what it shows, in its own time: the host does not wait for that.
    const reload = this.rows().catch((e: unknown) => {
      this.errors.push(String(e));
    });
    this.loads.add(reload);
    void reload.finally(() => this.loads.delete(reload));
  }

  private clearChildren(parent: T | undefined): void {
    if (parent === undefined) {
      this.elements.clear();
      this.nodes.clear();
      this.roots = undefined;
      return;
    }
    const node = this.nodes.get(parent);
    for (const child of node?.children ?? []) {
      this.clear(child.element);
    }
    if (node) {
      node.children = undefined;
    }
  }

  private clear(element: T): void {
    const node = this.nodes.get(element);
    if (!node) {
      return;
    }
    for (const child of node.children ?? []) {
      this.clear(child.element);
    }
    this.nodes.delete(element);
    this.elements.delete(node.handle);
  }
}
