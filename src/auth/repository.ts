// Sessions in a secret store: an index of ids plus one secret per session, so two windows that update
// different sessions never overwrite each other. The store is VS Code's SecretStorage in the extension and a
// fake in tests; this file never imports vscode.
import type { CoreLogger } from '../tts/http';
import { INDEX_KEY, parseSession, readIndex, sessionKey, type StoredSession } from './sessions';
import { errorMessage } from '../util/errorMessage';

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The secret store failed (keyring locked or missing); nothing was changed. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(action: string, cause: unknown) {
    super(`Could not ${action} the secure storage of VS Code: ${errorMessage(cause)}`);
  }
}

export class SessionRepository {
  /** Index writes of this window, one after another. */
  private indexQueue: Promise<unknown> = Promise.resolve();
  /** Every id this window saw listed or stored: what a damaged index is rebuilt from, so no session drops out. */
  private readonly known = new Set<string>();

  private readonly settle: () => Promise<void>;

  /**
   * `store` is also where the refresh leases live (lease.ts). `settle`: the wait after an index write before it is
   * checked (default 50 ms of real time); it must outlast another window's read-then-write of the index.
   */
  constructor(
    readonly store: SecretStore,
    private readonly log?: CoreLogger,
    options: { settle?: () => Promise<void> } = {},
  ) {
    this.settle = options.settle ?? (() => new Promise((resolve) => setTimeout(resolve, 50)));
  }

  private async read(key: string): Promise<string | undefined> {
    try {
      return await this.store.get(key);
    } catch (error) {
      throw new StorageError('read', error);
    }
  }

  /**
   * The listed ids. A damaged index (not a JSON array) is logged and stands in for the ids this window knows,
   * rather than for none: an empty answer would make every session look signed out, and the next index write
   * would drop them for good.
   */
  async ids(): Promise<string[]> {
    const { ids } = readIndex(await this.read(INDEX_KEY));
    if (!ids) {
      this.log?.warn(
        `The stored list of sessions is damaged; using the ${this.known.size} session(s) this window knows until it is rewritten.`,
      );
      return [...this.known];
    }
    ids.forEach((id) => this.known.add(id));
    return ids;
  }

  /** A damaged entry is logged and dropped (deleted only if it is still the same damaged text); others are untouched. */
  async get(id: string): Promise<StoredSession | undefined> {
    const text = await this.read(sessionKey(id));
    const session = parseSession(text);
    if (text !== undefined && !session) {
      await this.dropDamaged(id, text);
    }
    return session;
  }

  private async dropDamaged(id: string, text: string): Promise<void> {
    try {
      if ((await this.store.get(sessionKey(id))) !== text) {
        return; // rewritten in the meantime (another window signed in again): not ours to delete
      }
      await this.remove(id);
      this.log?.warn(
        `Stored session ${id} is damaged (unreadable JSON or missing fields) and was removed; sign in again to restore it.`,
      );
    } catch (error) {
      this.log?.warn(`Stored session ${id} is damaged and is ignored; removing it failed: ${errorMessage(error)}`);
    }
  }

  async list(): Promise<StoredSession[]> {
    const ids = await this.ids();
    const sessions = await Promise.all(ids.map((id) => this.get(id)));
    return sessions.filter((s): s is StoredSession => s !== undefined);
  }

  /** Writes the session first, then lists it in the index: a reader never sees an id without its secret. */
  async put(session: StoredSession): Promise<void> {
    try {
      await this.store.store(sessionKey(session.id), JSON.stringify(session));
    } catch (error) {
      throw new StorageError('write to', error);
    }
    this.known.add(session.id);
    await this.syncIndex(session.id);
  }

  async remove(id: string): Promise<void> {
    try {
      await this.store.delete(sessionKey(id));
    } catch (error) {
      throw new StorageError('delete from', error);
    }
    this.known.delete(id);
    await this.syncIndex(id);
  }

  /**
   * Makes the index list `id` exactly when its entry exists. Windows share the index and SecretStorage has no
   * compare-and-swap, so two windows' read-modify-writes can overwrite each other (a sign-in lost from the list,
   * the session invisible though stored). So each write is checked after `settle` and redone from the entries,
   * which every window agrees on — the same timing argument as the refresh lease (lease.ts). A few rounds at most.
   */
  private syncIndex(id: string): Promise<void> {
    const run = this.indexQueue.then(async () => {
      for (let round = 0; round < 5; round++) {
        const present = (await this.read(sessionKey(id))) !== undefined;
        const stored = readIndex(await this.read(INDEX_KEY)).ids;
        const ids = stored ?? [...this.known];
        if (stored && ids.includes(id) === present) {
          return;
        }
        try {
          await this.store.store(
            INDEX_KEY,
            JSON.stringify(present ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id)),
          );
        } catch (error) {
          throw new StorageError('write to', error);
        }
        await this.settle();
      }
      this.log?.warn(
        `The stored list of sessions kept changing while ${id} was being updated; it will be corrected on the next change.`,
      );
    });
    this.indexQueue = run.catch(() => undefined);
    return run;
  }
}
