// The stored sessions as one window must see them when storage refuses a write: a refreshed pair storage would not
// take is used (and saved again on each read) until storage holds something newer — the server already retired
// the old pair — and a session whose grant died but could not be deleted counts as gone (deletion retried).
// vscode-free.
import type { CoreLogger } from '../tts/http';
import type { SessionRepository } from './repository';
import type { StoredSession } from './sessions';
import { errorMessage } from '../util/errorMessage';

export class StoredView {
  /** Pairs a refresh obtained that storage refused, with the refresh token they replace. */
  private readonly unsaved = new Map<string, { session: StoredSession; replaces: string | undefined }>();
  /** Sessions whose grant is gone but whose removal from storage failed, by their dead access token. */
  private readonly dead = new Map<string, string>();

  constructor(
    private readonly repo: SessionRepository,
    private readonly log?: CoreLogger,
  ) {}

  async get(id: string): Promise<StoredSession | undefined> {
    const stored = await this.repo.get(id);
    const dead = this.dead.get(id);
    if (stored && dead !== undefined && stored.tokens.accessToken === dead) {
      await this.repo.remove(id).then(
        () => this.dead.delete(id),
        () => undefined,
      );
      return undefined;
    }
    this.dead.delete(id);
    const kept = this.unsaved.get(id);
    if (!kept) {
      return stored;
    }
    if (!stored || stored.tokens.refreshToken !== kept.replaces) {
      this.unsaved.delete(id); // signed out, or another window stored a newer pair: ours is moot
      return stored;
    }
    try {
      await this.repo.put(kept.session);
      this.unsaved.delete(id);
      this.log?.debug(`Saved the renewed session ${id} that storage refused before.`);
    } catch {
      // still refused: keep using the pair from memory
    }
    return kept.session;
  }

  /** Stores a refreshed pair; when storage refuses, keeps it here instead of losing the session. */
  async put(session: StoredSession, replaces: string | undefined): Promise<void> {
    try {
      await this.repo.put(session);
      this.log?.debug(`Refreshed session ${session.id}.`);
    } catch (error) {
      this.unsaved.set(session.id, { session, replaces });
      this.log?.warn(
        `Refreshed session ${session.id} but could not save it (${errorMessage(error)}); keeping it in this window and saving it again on next use.`,
      );
    }
  }

  /** Removes a session whose grant is gone; when storage refuses, it still counts as gone here. */
  async remove(session: StoredSession, reason: string): Promise<void> {
    this.unsaved.delete(session.id);
    try {
      await this.repo.remove(session.id);
      this.log?.warn(`Session ${session.id} removed: ${reason}`);
    } catch (error) {
      this.dead.set(session.id, session.tokens.accessToken);
      this.log?.warn(
        `Session ${session.id} is no longer valid (${reason}) but could not be removed: ${errorMessage(error)}`,
      );
    }
  }
}
