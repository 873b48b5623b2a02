// Sessions in a secret store: an index of ids plus one secret per session, so two windows that update
// different sessions never overwrite each other. The store is VS Code's SecretStorage in the extension and a
// fake in tests; this file never imports vscode.
import type { CoreLogger } from '../tts/http';
import { INDEX_KEY, parseIndex, parseSession, sessionKey, type StoredSession } from './sessions';

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The secret store failed (keyring locked or missing); nothing was changed. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(action: string, cause: unknown) {
    super(`Could not ${action} the secure storage of VS Code: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export class SessionRepository {
  /** Index writes of this window, one after another. */
  private indexQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: SecretStore, private readonly log?: CoreLogger) {}

  private async read(key: string): Promise<string | undefined> {
    try {
      return await this.store.get(key);
    } catch (error) {
      throw new StorageError('read', error);
    }
  }

  async ids(): Promise<string[]> {
    return parseIndex(await this.read(INDEX_KEY));
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const text = await this.read(sessionKey(id));
    const session = parseSession(text);
    if (text !== undefined && !session) {
      this.log?.warn(`Stored session ${id} is damaged and was removed.`);
      await this.remove(id);
    }
    return session;
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
    await this.updateIndex((ids) => (ids.includes(session.id) ? ids : [...ids, session.id]));
  }

  async remove(id: string): Promise<void> {
    try {
      await this.store.delete(sessionKey(id));
    } catch (error) {
      throw new StorageError('delete from', error);
    }
    await this.updateIndex((ids) => ids.filter((x) => x !== id));
  }

  private updateIndex(change: (ids: string[]) => string[]): Promise<void> {
    const run = this.indexQueue.then(async () => {
      const before = await this.ids();
      const after = change(before);
      if (after.length !== before.length || after.some((id, i) => id !== before[i])) {
        try {
          await this.store.store(INDEX_KEY, JSON.stringify(after));
        } catch (error) {
          throw new StorageError('write to', error);
        }
      }
    });
    this.indexQueue = run.catch(() => undefined);
    return run;
  }
}
