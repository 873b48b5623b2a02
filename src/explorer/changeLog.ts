// Which nodes were reported changed while a request for children was under way (no vscode). VS Code's tree files
// the children it receives under the parent as it was when it asked; if that parent, or one of its ancestors, was
// refreshed meanwhile, those children would stay registered under an element the tree no longer shows, and the
// next load of the same ids fails with "Element with id … is already registered". A new request for a node's
// children also clears what the tree holds under that node, so it overtakes older requests below it, and for the
// same node. The tree asks again after every refresh, so an overtaken answer can be empty instead.

/** A change of one node (and everything under it), or of everything when `id` is undefined. */
interface Change {
  seq: number;
  id: string | undefined;
}

export class ChangeLog {
  private seq = 0;
  private changes: Change[] = [];
  private readonly open = new Map<number, number>(); // request token → seq when it started
  private nextToken = 0;

  /** Notes that `id` (undefined: everything) changed. */
  record(id: string | undefined): void {
    this.seq++;
    if (this.open.size > 0) {
      this.changes.push({ seq: this.seq, id });
    }
  }

  /** The children `load` gives for the node `id`, or none when a change overtook them while they loaded. */
  async current<T>(id: string | undefined, load: () => Promise<T[]>): Promise<T[]> {
    const request = this.begin(id);
    const children = await load();
    return request.end() ? children : [];
  }

  /** Starts a request for the children of `id` (undefined: the roots); `end` says whether they are still current. */
  begin(id: string | undefined): { end(): boolean } {
    this.record(id);
    const token = this.nextToken++;
    const since = this.seq;
    this.open.set(token, since);
    return {
      end: () => {
        this.open.delete(token);
        const stale = this.changes.some((c) => c.seq > since && covers(c.id, id));
        this.prune();
        return !stale;
      },
    };
  }

  private prune(): void {
    if (this.open.size === 0) {
      this.changes = [];
      return;
    }
    const oldest = Math.min(...this.open.values());
    this.changes = this.changes.filter((c) => c.seq > oldest);
  }
}

/** Whether a change of `changed` reloads the children of `id`: the same node, an ancestor, or everything. */
function covers(changed: string | undefined, id: string | undefined): boolean {
  if (changed === undefined) {
    return true;
  }
  return id !== undefined && (id === changed || id.startsWith(`${changed}/`));
}
