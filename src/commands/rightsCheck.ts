// Before an action: does the account hold the rights it needs on the entity? The Things Stack lists the caller's
// rights on any user, application, client or organization (`…/rights`); a missing one is named before any change is
// sent. Admins skip the check: their universal rights are not in those lists, the server decides.
import type { Account } from '../auth/accounts';
import { isPermissionDenied, CommandError } from '../ui/errorText';
import { explain, groupOf, type Right } from '../tts/rights';
import type { RightName } from '../tts/types';

export interface RightsHolder {
  type: 'user' | 'application' | 'client' | 'organization';
  id: string;
}

/** Whether `held` grants `right`: itself, its group's `RIGHT_<GROUP>_ALL`, or `RIGHT_ALL`. */
export function grants(held: readonly string[], right: Right): boolean {
  const group = groupOf(right);
  return held.includes(right) || held.includes('RIGHT_ALL') || held.includes(`RIGHT_${group.toUpperCase()}_ALL`);
}

async function heldRights(account: Account, on: RightsHolder, signal?: AbortSignal): Promise<readonly RightName[]> {
  const api = account.api;
  try {
    switch (on.type) {
      case 'user':
        return await api.users.rights(on.id, signal);
      case 'application':
        return await api.applications.rights(on.id, signal);
      case 'client':
        return await api.clients.rights(on.id, signal);
      case 'organization':
        return await api.organizations.rights(on.id, signal);
    }
  } catch (error) {
    // Not even allowed to ask: the account holds nothing there.
    if (isPermissionDenied(error)) {
      return [];
    }
    throw error;
  }
}

const NOUN: Record<RightsHolder['type'], string> = {
  user: 'user',
  application: 'application',
  client: 'OAuth client',
  organization: 'organization',
};

/**
 * Throws a CommandError naming each right of `needed` the account lacks on `on`; `what` says what it wanted to do
 * ("create an API key"). One request; none for an admin.
 */
export async function requireRights(
  account: Account,
  on: RightsHolder,
  needed: readonly Right[],
  what: string,
  signal?: AbortSignal,
): Promise<void> {
  if (account.session.isAdmin === true || needed.length === 0) {
    return;
  }
  const held = await heldRights(account, on, signal);
  const missing = needed.filter((r) => !grants(held, r));
  if (missing.length > 0) {
    const list = missing.map((r) => `${r} (${explain(r).replace(/\.$/, '').toLowerCase()})`).join(', ');
    const whose = on.type === 'user' ? `user "${on.id}"` : `${NOUN[on.type]} "${on.id}"`;
    throw new CommandError(
      `${account.session.accountLabel} cannot ${what}: it lacks ${list} on ${whose}. Ask an administrator or a collaborator with that right, or sign in with an account or key that has it.`,
    );
  }
}
