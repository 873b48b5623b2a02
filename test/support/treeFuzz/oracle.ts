// What the tree should show: the rows a fresh explorer lists from the server for every path expanded on screen —
// except lists somebody else changed since they were last loaded (the extension cannot know before a refresh), which
// are tracked as "dirty" by node id and are clean again once a refresh covers them.
import { ExplorerModel } from '../../../src/explorer/model';
import type { ExplorerNode, Section } from '../../../src/explorer/nodeTypes';
import { rowOf } from '../../../src/explorer/rows';

export interface ScreenRow {
  depth: number;
  label: string;
  description?: string;
  /** undefined for a row that does not expand. */
  expanded?: boolean;
}

interface ScreenNode {
  row: ScreenRow;
  children: ScreenNode[];
}

/** A row as text; an error's correlation id differs per request, so it is left out. */
export function rowText(r: { label: string; description?: string }): string {
  const text = r.description ? `${r.label} — ${r.description}` : r.label;
  return text.replace(/ \(correlation id [0-9a-f]+\)/, '');
}

/** Screen rows (depth-first, with depths) as a forest. */
export function forest(rows: readonly ScreenRow[]): ScreenNode[] {
  const roots: ScreenNode[] = [];
  const stack: ScreenNode[] = [];
  for (const row of rows) {
    const node: ScreenNode = { row, children: [] };
    while (stack.length > row.depth) {
      stack.pop();
    }
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  }
  return roots;
}

/** Somebody else's change and the lists it makes stale. */
export interface Change {
  deploymentKey: string;
  section: Section;
  owner: { kind: 'user' | 'organization'; id: string };
  /** Deleted: Recently Deleted changes too. */
  deleted?: boolean;
  /** A device added to this application: only its End Devices list. */
  devicesOf?: string;
}

export class Dirty {
  readonly ids = new Set<string>();
  private readonly filters = new Map<string, string>();

  filter(deploymentKey: string, section: Section, text: string | undefined): void {
    const key = `${deploymentKey}/${section}`;
    if (text) {
      this.filters.set(key, text);
    } else {
      this.filters.delete(key);
    }
    this.reloaded(key);
  }

  filterOf(deploymentKey: string, section: Section): string | undefined {
    return this.filters.get(`${deploymentKey}/${section}`);
  }

  changed(c: Change): void {
    const section = `${c.deploymentKey}/${c.section}`;
    if (c.devicesOf) {
      this.ids.add(`${section}/o:${c.owner.kind}:${c.owner.id}/${c.devicesOf}/#devices`);
      this.ids.add(`${section}/=${c.devicesOf}/#devices`);
      return;
    }
    this.ids.add(`${section}/o:${c.owner.kind}:${c.owner.id}`);
    if (c.deleted) {
      this.ids.add(`${section}/~deleted`);
    }
    if (this.filters.has(section)) {
      this.ids.add(section); // a filtered section is a list itself
    }
  }

  /** Lists somebody else changed, by node id (the account side: an authorization's tokens, a section). */
  touched(...ids: string[]): void {
    ids.forEach((id) => this.ids.add(id));
  }

  /** A refresh reloaded `id` and everything under it (no id: everything). */
  reloaded(id?: string): void {
    for (const d of [...this.ids]) {
      if (id === undefined || d === id || d.startsWith(`${id}/`)) {
        this.ids.delete(d);
      }
    }
  }

  has(node: ExplorerNode): boolean {
    return this.ids.has(node.id);
  }
}

/**
 * Compares the screen with `expected` (a model over the same server): under every expanded row, the same rows in
 * the same order, with the same descriptions — lists in `dirty` excepted. Returns what differs.
 */
export async function compareWith(
  expected: ExplorerModel,
  rows: readonly ScreenRow[],
  dirty: Dirty | undefined,
  what: string,
  /** Let `expected` load as many pages as the screen shows (false: it must already have them). */
  loadMore: boolean,
  /** The tree goes on below the last row shown (rowsCut): the lists that end on screen may go on too. */
  cut = false,
): Promise<string[]> {
  const problems: string[] = [];
  const visit = async (
    parent: ExplorerNode | undefined,
    shown: ScreenNode[],
    path: string,
    /** This list holds the last row on screen (it and its ancestors' lists end where the view ends). */
    tail: boolean,
  ): Promise<void> => {
    let children = await expected.children(parent);
    const items = (n: number) => children.slice(0, n).filter((c) => c.kind !== 'loadMore').length;
    const shownItems = shown.filter((s) => s.row.label !== 'Load More…').length;
    // "Load More…" ends a list; a trailer (the organizations' Recently Deleted) may follow it.
    const moreOf = (list: ExplorerNode[]) => list.find((c) => c.kind === 'loadMore');
    for (
      let more = moreOf(children);
      loadMore && more?.kind === 'loadMore' && items(children.length) < shownItems;
      more = moreOf(children)
    ) {
      await expected.loadMore(more);
      children = await expected.children(parent);
    }
    const want = children
      .slice(0, tail && cut ? shown.length : children.length)
      .map((c) => (dirty?.has(c) ? rowText({ label: rowOf(c).label }) : rowText(rowOf(c))));
    const have = shown.map((s, i) =>
      children[i] && dirty?.has(children[i]) ? rowText({ label: s.row.label }) : rowText(s.row),
    );
    if (want.join('\n') !== have.join('\n')) {
      problems.push(
        `under ${path || 'the root'}, the screen shows:\n    ${have.join('\n    ')}\n  ${what} has:\n    ${want.join('\n    ')}`,
      );
      return;
    }
    for (let i = 0; i < shown.length; i++) {
      if (shown[i].row.expanded && !dirty?.has(children[i])) {
        const below = path ? `${path} › ${shown[i].row.label}` : shown[i].row.label;
        await visit(children[i], shown[i].children, below, tail && i === shown.length - 1);
      }
    }
  };
  await visit(undefined, forest(rows), '', true);
  return problems;
}

/** Applies the screen's filters to a fresh model (what the server holds, filtered alike). */
export async function withFilters(model: ExplorerModel, dirty: Dirty, deploymentKeys: string[]): Promise<void> {
  for (const key of deploymentKeys) {
    for (const section of ['clients', 'applications'] as const) {
      const text = dirty.filterOf(key, section);
      if (text) {
        await model.setFilter(key, section, text);
      }
    }
  }
}
