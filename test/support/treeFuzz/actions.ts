// What a user (and somebody else) does to the explorer, as data: one random sequence per seed, run the same way
// against the Node model of VS Code's tree (unit suite) and against the real workbench (test/e2e/treeFuzz.ts).
// Row choices are numbers resolved against what is on screen when the action runs, so a sequence fits both.
import { prng } from '../prng';

export type BehindTheBack =
  'createApp' | 'deleteApp' | 'addDevice' | 'renameApp' | 'createClient' | 'authorize' | 'createOrg';

export type Action =
  /** A click on a row (expands or collapses it); `quick`: the next action does not wait for the tree to settle. */
  | { kind: 'click'; at: number; quick: boolean }
  /** The inline Refresh of a row that has one. */
  | { kind: 'refresh'; at: number }
  /** The view's title Refresh. */
  | { kind: 'refreshAll' }
  /** A click on a "Load More…" row. */
  | { kind: 'loadMore'; at: number }
  /** Create Application… / Create OAuth Client… for an owner. */
  | { kind: 'create'; what: 'application' | 'client'; owner: 'alice' | 'acme' }
  /** Delete … on an application or client row. */
  | { kind: 'delete'; at: number }
  /** Restore … on a row under Recently Deleted. */
  | { kind: 'restore'; at: number }
  /** The server's state changed by someone else. */
  | { kind: 'behind'; change: BehindTheBack; at: number }
  /** Uplinks arrive from the demo devices (the live events stream, if one is open, shows them). */
  | { kind: 'uplinks'; count: number }
  | { kind: 'signOut' }
  | { kind: 'signIn' }
  | { kind: 'filter'; section: 'applications' | 'clients'; text: string }
  | { kind: 'clearFilter'; section: 'applications' | 'clients' };

const FILTERS = ['park', 'acme', 'meter', 'sens', 'zz-none'];

/** `n` actions from `seed`; a third of the clicks are quick (the next one follows before the tree settles). */
export function actions(seed: number, n: number): Action[] {
  const random = prng(seed);
  const int = (k: number) => Math.floor(random() * k);
  const out: Action[] = [];
  let signedOut = false;
  for (let i = 0; i < n; i++) {
    if (signedOut) {
      out.push({ kind: 'signIn' });
      signedOut = false;
      continue;
    }
    const r = random();
    const at = int(1_000_000);
    if (r < 0.5) {
      out.push({ kind: 'click', at, quick: random() < 0.35 });
    } else if (r < 0.6) {
      out.push({ kind: 'refresh', at });
    } else if (r < 0.63) {
      out.push({ kind: 'refreshAll' });
    } else if (r < 0.67) {
      out.push({ kind: 'loadMore', at });
    } else if (r < 0.7) {
      out.push({
        kind: 'create',
        what: random() < 0.6 ? 'application' : 'client',
        owner: random() < 0.7 ? 'alice' : 'acme',
      });
    } else if (r < 0.73) {
      out.push({ kind: 'delete', at });
    } else if (r < 0.75) {
      out.push({ kind: 'restore', at });
    } else if (r < 0.87) {
      const changes: BehindTheBack[] = [
        'createApp',
        'deleteApp',
        'addDevice',
        'renameApp',
        'createClient',
        'authorize',
        'createOrg',
      ];
      out.push({ kind: 'behind', change: changes[int(changes.length)], at });
    } else if (r < 0.92) {
      out.push({ kind: 'uplinks', count: 1 + int(5) });
    } else if (r < 0.935) {
      out.push({ kind: 'signOut' });
      signedOut = true;
    } else if (r < 0.97) {
      out.push({
        kind: 'filter',
        section: random() < 0.7 ? 'applications' : 'clients',
        text: FILTERS[int(FILTERS.length)],
      });
    } else {
      out.push({ kind: 'clearFilter', section: random() < 0.7 ? 'applications' : 'clients' });
    }
  }
  return out;
}

export function describe(action: Action): string {
  switch (action.kind) {
    case 'click':
      return `click row #${action.at}${action.quick ? ' (quick)' : ''}`;
    case 'refresh':
    case 'loadMore':
    case 'delete':
    case 'restore':
      return `${action.kind} row #${action.at}`;
    case 'create':
      return `create ${action.what} for ${action.owner}`;
    case 'behind':
      return `someone else: ${action.change} #${action.at}`;
    case 'uplinks':
      return `${action.count} uplinks`;
    case 'filter':
      return `filter ${action.section} "${action.text}"`;
    case 'clearFilter':
      return `clear filter of ${action.section}`;
    default:
      return action.kind;
  }
}
