// A refresh's turn at its session's cross-window lease (lease.ts), as TokenManager takes it: wait while another
// window holds the lease, then either adopt the pair that window stored or refresh under the lease. vscode-free.
import type { CoreLogger } from '../tts/http';
import { abortableSleep } from '../tts/sleep';
import { errorMessage } from '../util/errorMessage';
import type { RefreshLease } from './lease';
import { SessionGoneError, type StoredSession } from './sessions';
import type { StoredView } from './storedView';

export interface LeaseTurnOptions {
  /** Undefined: no lease (turned off); the refresh runs at once. */
  lease: RefreshLease | undefined;
  stored: StoredView;
  id: string;
  /** How often a window that waits for the holder re-reads storage. */
  pollMs: number;
  /** Whether a stored session already answers this refresh (another window rotated the pair). */
  answered(session: StoredSession): boolean;
  log?: CoreLogger;
}

/** `adopt`: another window stored a pair that answers this refresh; `session`: the one to refresh, read under the lease. */
export interface LeaseTurn {
  held: boolean;
  adopt?: StoredSession;
  session?: StoredSession;
}

/**
 * Takes the session's refresh lease, waiting while another window holds it. `adopt`: that window stored a pair
 * that answers this refresh; `session`: the stored session read under the lease, to refresh. Storage failures
 * skip the lease (a refresh then runs unguarded rather than not at all); an abandoned lease expires.
 */
export async function takeLeaseTurn(turn: LeaseTurnOptions): Promise<LeaseTurn> {
  const { lease, stored, id, pollMs, log } = turn;
  if (!lease) {
    return { held: false };
  }
  const polls = Math.ceil(lease.ttlMs / pollMs);
  for (let waitedOut = false; ;) {
    let held: boolean;
    try {
      held = await lease.acquire(id, waitedOut);
    } catch (error) {
      log?.debug(`Could not take the refresh lease of ${id} (${errorMessage(error)}); refreshing without it.`);
      return { held: false };
    }
    // Read under the lease (or after the holder let go): the previous holder may just have stored a new pair.
    const session = await stored.get(id).catch(async (error: unknown) => {
      if (held) {
        await lease.release(id);
      }
      throw error;
    });
    if (!session) {
      if (held) {
        await lease.release(id);
      }
      throw new SessionGoneError(id);
    }
    if (turn.answered(session)) {
      if (held) {
        await lease.release(id);
      }
      return { held: false, adopt: session };
    }
    if (held) {
      return { held: true, session };
    }
    // Another window refreshes: wait for its pair, its release, or the lease to run out (a crashed window).
    // After a whole time to live of polls the entry is taken over, whatever clock wrote it: never stuck.
    waitedOut = true;
    for (let i = 0; i < polls; i++) {
      await abortableSleep(pollMs);
      const now = await stored.get(id);
      if (
        !now ||
        now.tokens.refreshToken !== session.tokens.refreshToken ||
        !(await lease.heldElsewhere(id).catch(() => false))
      ) {
        waitedOut = false;
        break;
      }
    }
  }
}
