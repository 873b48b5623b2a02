// The user's side of OAuth: revoke one access token of a client they authorized, or the whole authorization (every
// token first — The Things Stack leaves tokens valid when only the authorization goes — then the authorization).
// The token this window signs in with is revoked by signing out, so the account shows signed out at once.
import type { Account } from '../auth/accounts';
import { sessionTokenId } from '../explorer/accountNodes';
import { userIdOf } from '../explorer/owners';
import type { AccessToken } from '../tts/types';
import { CommandError } from '../ui/errorText';
import { UserCancelledError } from '../util/cancellation';
import { plainText } from '../util/plainText';
import type { CommandContext } from './context';
import { requireRights } from './rightsCheck';
import { accountFor, nodeArg } from './targets';
import { isNode } from '../explorer/nodeTypes';
import { expiryText } from '../explorer/entityNodes';
import { withClientNames } from '../explorer/fetchers';

interface AuthorizationTarget {
  account: Account;
  userId: string;
  clientId: string;
  /** The client's name when the tree knew it. */
  clientName?: string;
}

const SIGN_OUT_NOTE = 'This VS Code window signs in with it: you will be signed out here.';

function clientText(t: AuthorizationTarget): string {
  return t.clientName ? `${plainText(t.clientName, 80)} (${t.clientId})` : `"${t.clientId}"`;
}

async function userOf(ctx: CommandContext, args: readonly unknown[]): Promise<{ account: Account; userId: string }> {
  const account = await accountFor(ctx, isNode(args[0]) ? args[0] : undefined);
  const userId = userIdOf(account);
  if (!userId) {
    throw new CommandError(
      `${account.session.accountLabel} is not a user: only users authorize OAuth clients. Sign in as a user.`,
    );
  }
  await requireRights(
    account,
    { type: 'user', id: userId },
    ['RIGHT_USER_AUTHORIZED_CLIENTS'],
    'manage the OAuth clients you authorized',
  );
  return { account, userId };
}

/** The authorization a command acts on: the row it ran on (or its token's), else the user's pick. */
async function authorizationTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  title: string,
): Promise<AuthorizationTarget> {
  const { account, userId } = await userOf(ctx, args);
  const node = nodeArg(args, 'authorization', 'token');
  if (node) {
    return {
      account,
      userId,
      clientId: node.clientId,
      clientName: node.kind === 'authorization' ? node.clientName : undefined,
    };
  }
  const authorizations = await ctx.ui.withProgress('Listing the OAuth clients you authorized…', async (signal) =>
    withClientNames(account.api, await account.api.users.allAuthorizations(userId, signal), signal),
  );
  if (authorizations.length === 0) {
    throw new CommandError(`You have not authorized any OAuth client on ${account.deployment.name}.`);
  }
  const own = account.session.method === 'oauth' ? account.session.clientId : undefined;
  const chosen = await ctx.ui.pick<{ clientId: string; clientName?: string }>({
    title,
    placeholder: 'Which OAuth client?',
    items: authorizations.map((a) => {
      const clientId = a.client_ids?.client_id ?? '?';
      return {
        label: a.clientName ? plainText(a.clientName, 80) : clientId,
        description: clientId,
        detail: [
          `${(a.rights ?? []).length} rights`,
          `authorized ${a.created_at ?? '?'}`,
          clientId === own && 'this VS Code window signs in with it',
        ]
          .filter(Boolean)
          .join(' · '),
        value: { clientId, clientName: a.clientName },
        icon: 'shield',
      };
    }),
  });
  return { account, userId, ...chosen };
}

function tokensOf(account: Account, t: AuthorizationTarget, signal?: AbortSignal): Promise<AccessToken[]> {
  return account.api.users.allTokens(t.userId, t.clientId, signal);
}

/** Whether the account's own session is a token of this client. */
const isOwnClient = (t: AuthorizationTarget): boolean =>
  t.account.session.method === 'oauth' && t.account.session.clientId === t.clientId;

async function refreshAuthorizations(ctx: CommandContext, t: AuthorizationTarget): Promise<void> {
  await ctx.model.refreshWhere((n) => n.kind === 'authorizations' && n.deploymentKey === t.account.deployment.key);
}

export async function revokeAuthorization(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const t = await authorizationTarget(ctx, args, 'Revoke an Authorization');
  const tokens = await ctx.ui.withProgress(`Listing the access tokens of ${clientText(t)}…`, (signal) =>
    tokensOf(t.account, t, signal),
  );
  const own = isOwnClient(t);
  const count = `${tokens.length} access token${tokens.length === 1 ? '' : 's'}`;
  const ok = await ctx.ui.confirm({
    message: `Revoke the authorization of ${clientText(t)}?`,
    detail: [
      `It can no longer act for you: its ${count} stop working at once, and it has to ask for your consent again. This cannot be undone.`,
      own && SIGN_OUT_NOTE,
    ]
      .filter(Boolean)
      .join(' '),
    confirm: 'Revoke',
  });
  if (!ok) {
    throw new UserCancelledError();
  }
  const ownToken = own ? sessionTokenId(t.account.session) : undefined;
  await ctx.ui.withProgress(`Revoking the authorization of ${clientText(t)}…`, async (signal) => {
    // Tokens first: deleting only the authorization leaves them valid. This window's own token goes last, at sign-out.
    for (const token of tokens) {
      if (token.id && token.id !== ownToken) {
        await t.account.api.users.deleteToken(t.userId, t.clientId, token.id, signal);
      }
    }
    await t.account.api.users.deleteAuthorization(t.userId, t.clientId, signal);
  });
  ctx.log.info(`Revoked the authorization of client ${t.clientId} (${tokens.length} tokens) for ${t.userId}.`);
  if (own) {
    await signOutHere(ctx, t);
    void ctx.ui.info(`Revoked the authorization of ${clientText(t)} and its ${count}; this window is signed out.`);
    return;
  }
  await refreshAuthorizations(ctx, t);
  void ctx.ui.info(`Revoked the authorization of ${clientText(t)} and its ${count}.`);
}

export async function revokeToken(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const t = await authorizationTarget(ctx, args, 'Revoke an Access Token');
  const node = nodeArg(args, 'token');
  const ownToken = isOwnClient(t) ? sessionTokenId(t.account.session) : undefined;
  let token = node?.token;
  if (!token) {
    const tokens = await ctx.ui.withProgress(`Listing the access tokens of ${clientText(t)}…`, (signal) =>
      tokensOf(t.account, t, signal),
    );
    if (tokens.length === 0) {
      throw new CommandError(`${clientText(t)} holds no access token: nothing to revoke.`);
    }
    token = await ctx.ui.pick<AccessToken>({
      title: `Revoke an Access Token of ${clientText(t)}`,
      placeholder: 'Which token?',
      items: tokens.map((k) => ({
        label: k.id ?? '?',
        description: k.id === ownToken ? 'this VS Code window' : undefined,
        detail: `created ${k.created_at ?? '?'} · ${expiryText(k.expires_at, ctx.now?.())} · ${(k.rights ?? []).length} rights`,
        value: k,
        icon: 'key',
      })),
    });
  }
  const own = token.id !== undefined && token.id === ownToken;
  const ok = await ctx.ui.confirm({
    message: `Revoke access token ${token.id ?? '?'} of ${clientText(t)}?`,
    detail: own
      ? `${SIGN_OUT_NOTE} Other tokens of the client keep working. This cannot be undone.`
      : 'Whatever uses this token loses access at once and has to refresh or sign in again; the authorization and other tokens stay. This cannot be undone.',
    confirm: own ? 'Revoke and Sign Out' : 'Revoke',
  });
  if (!ok) {
    throw new UserCancelledError();
  }
  if (own) {
    // Sign-out revokes exactly this pair (refreshed if need be) and forgets it here.
    await signOutHere(ctx, t);
    return;
  }
  await ctx.ui.withProgress('Revoking the access token…', (signal) =>
    t.account.api.users.deleteToken(t.userId, t.clientId, token.id ?? '', signal),
  );
  ctx.log.info(`Revoked access token ${token.id ?? '?'} of client ${t.clientId} for ${t.userId}.`);
  await ctx.model.refreshWhere(
    (n) => n.kind === 'authorization' && n.deploymentKey === t.account.deployment.key && n.clientId === t.clientId,
  );
  void ctx.ui.info(`Revoked access token ${token.id ?? '?'} of ${clientText(t)}.`);
}

async function signOutHere(ctx: CommandContext, t: AuthorizationTarget): Promise<void> {
  if (!ctx.signOut) {
    throw new Error('Signing out needs the VS Code host.');
  }
  await ctx.signOut(t.account.session.id);
}
