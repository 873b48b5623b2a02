// A cross-window refresh lease. TTS refresh tokens are single-use (§0.4): two windows that read the same stored
// pair and both refresh present one refresh token twice, and the loser's grant error is only recovered by
// re-reading. Only the holder of a session's lease refreshes it; the others wait for its stored pair.
//
// SecretStorage has no compare-and-swap, so the lease is Fischer's timed mutual exclusion: read the entry; if it is
// free (absent, expired or ours), write {owner, until}, wait `settle`, read it back, and hold the lease only if it
// is still ours. That is exclusive while writing the entry takes less than `settle` after reading it free; if the
// bound is ever broken, two windows refresh at once and the loser adopts the winner's pair as before — the lease
// makes double use rare, it is not what keeps sessions. An entry expires after `ttlMs` (a window that crashed or
// reloaded mid-refresh never blocks the others for longer), and one dated implausibly far ahead counts as free.
// vscode-free: the store is SecretStorage in the extension and a fake in tests.
import { randomBytes } from 'node:crypto';
import type { SecretStore } from './repository';

export const leaseKey = (sessionId: string): string => `thingsStack.refreshLease.${sessionId}`;

interface LeaseEntry {
  owner: string;
  until: number;
}

export interface RefreshLeaseOptions {
  now?: () => number;
  /** How long a lease holds without being released; longer than one token request may take (default 45 s). */
  ttlMs?: number;
  /** The wait between writing the entry and reading it back (default 100 ms of real time). */
  settle?: () => Promise<void>;
}

function parse(text: string | undefined): LeaseEntry | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const raw = JSON.parse(text) as Partial<LeaseEntry> | null;
    return raw && typeof raw.owner === 'string' && typeof raw.until === 'number'
      ? { owner: raw.owner, until: raw.until }
      : undefined;
  } catch {
    return undefined; // damaged: free, the next taker overwrites it
  }
}

export class RefreshLease {
  /** This window's lease entries carry `<owner>:<n>`, so a lease is never mistaken for another acquisition's. */
  private readonly owner = randomBytes(8).toString('hex');
  private taken = 0;
  private readonly held = new Map<string, string>();
  private readonly now: () => number;
  readonly ttlMs: number;
  private readonly settle: () => Promise<void>;

  constructor(
    private readonly store: SecretStore,
    options: RefreshLeaseOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 45_000;
    this.settle = options.settle ?? (() => new Promise((resolve) => setTimeout(resolve, 100)));
  }

  /** Whether another window holds the session's lease right now. Storage errors propagate. */
  async heldElsewhere(sessionId: string): Promise<boolean> {
    const entry = parse(await this.store.get(leaseKey(sessionId)));
    const now = this.now();
    return !!entry && !entry.owner.startsWith(`${this.owner}:`) && entry.until > now && entry.until <= now + this.ttlMs;
  }

  /**
   * Takes the session's lease: true when this window holds it now. `takeOver`: also when another window's entry
   * is still current (after waiting out its time to live). Storage errors propagate (nothing is held).
   */
  async acquire(sessionId: string, takeOver = false): Promise<boolean> {
    if (!takeOver && (await this.heldElsewhere(sessionId))) {
      return false;
    }
    const mine = `${this.owner}:${++this.taken}`;
    const key = leaseKey(sessionId);
    await this.store.store(key, JSON.stringify({ owner: mine, until: this.now() + this.ttlMs }));
    await this.settle();
    if (parse(await this.store.get(key))?.owner !== mine) {
      return false; // another window wrote after us: it holds the lease
    }
    this.held.set(sessionId, mine);
    return true;
  }

  /** Gives the lease back if this window still holds it. Never throws: an entry left behind expires by itself. */
  async release(sessionId: string): Promise<void> {
    const mine = this.held.get(sessionId);
    this.held.delete(sessionId);
    if (!mine) {
      return;
    }
    try {
      const key = leaseKey(sessionId);
      if (parse(await this.store.get(key))?.owner === mine) {
        await this.store.delete(key);
      }
    } catch {
      // the entry expires after ttlMs
    }
  }
}
