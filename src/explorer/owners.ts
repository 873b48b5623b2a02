// Who can own clients and applications for the signed-in account: the user, then each organization they belong to.
import type { Account } from '../auth/accounts';
import type { Owner } from '../tts/types';

export interface OwnerEntry {
  owner: Owner;
  label: string;
  isSelf: boolean;
}

export interface Owners {
  owners: OwnerEntry[];
  /** Listing the organizations failed; the user is still listed. */
  error?: unknown;
}

/** A session of an API key that belongs to an application or organization has no user (`application:app1`). */
export function userIdOf(account: Account): string | undefined {
  return account.session.accountId.includes(':') ? undefined : account.session.accountId;
}

export async function ownersOf(account: Account, signal?: AbortSignal): Promise<Owners> {
  const userId = userIdOf(account);
  if (!userId) {
    return { owners: [] };
  }
  const owners: OwnerEntry[] = [{ owner: { kind: 'user', id: userId }, label: userId, isSelf: true }];
  try {
    const organizations = await account.api.users.organizations(userId, signal);
    for (const org of organizations) {
      const id = org.ids?.organization_id;
      if (id) {
        owners.push({ owner: { kind: 'organization', id }, label: org.name || id, isSelf: false });
      }
    }
    return { owners };
  } catch (error) {
    return { owners, error };
  }
}
