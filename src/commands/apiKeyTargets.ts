// Which API keys a command acts on: whose keys (the row's holder, else the user's pick among their account, an
// application or an organization), checked for the right to manage them, and which key of those.
import type { Account } from '../auth/accounts';
import { isNode, entityOf, type KeyHolder } from '../explorer/nodeTypes';
import { keysApi } from '../explorer/fetchers';
import { userIdOf } from '../explorer/owners';
import type { Right } from '../tts/rights';
import type { ApiKey } from '../tts/types';
import { expiryText } from '../explorer/entityNodes';
import { CommandError } from '../ui/errorText';
import type { RightsScope } from '../ui/rightsPicker';
import type { CommandContext } from './context';
import { accountFor, nodeArg, pickEntity } from './targets';
import { requireRights } from './rightsCheck';
import { plainText } from '../util/plainText';

export const MANAGE_KEYS: Record<KeyHolder['type'], Right> = {
  application: 'RIGHT_APPLICATION_SETTINGS_API_KEYS',
  user: 'RIGHT_USER_SETTINGS_API_KEYS',
  organization: 'RIGHT_ORGANIZATION_SETTINGS_API_KEYS',
};
export const SCOPE: Record<KeyHolder['type'], RightsScope> = {
  application: 'application',
  user: 'user',
  organization: 'organization',
};

/** 'application "app1"', 'organization "acme"', 'your account "alice"'. */
export function holderText(holder: KeyHolder): string {
  return holder.type === 'user' ? `your account "${holder.id}"` : `${holder.type} "${holder.id}"`;
}

export interface HolderTarget {
  account: Account;
  holder: KeyHolder;
}

/** Whose keys: the node's (API Keys row, a key, an application or organization), else the user's choice. */
export async function holderTarget(ctx: CommandContext, args: readonly unknown[], verb: string): Promise<HolderTarget> {
  const node = isNode(args[0]) ? args[0] : undefined;
  const account = await accountFor(ctx, node);
  if (node?.kind === 'apiKeys' || node?.kind === 'apiKey') {
    return { account, holder: node.holder };
  }
  const ref = node ? entityOf(node) : undefined;
  if (ref && ref.type !== 'client') {
    return { account, holder: { type: ref.type, id: ref.id } };
  }
  const userId = userIdOf(account);
  const type = await ctx.ui.pick<KeyHolder['type']>({
    title: `${verb} an API Key`,
    placeholder: 'Whose API key?',
    items: [
      ...(userId
        ? [
            {
              label: 'Your Account',
              description: userId,
              detail: 'A personal key that acts as you.',
              value: 'user' as const,
              icon: 'account',
            },
          ]
        : []),
      {
        label: 'An Application',
        detail: 'For integrations: MQTT, webhooks, scripts.',
        value: 'application' as const,
        icon: 'package',
      },
      {
        label: 'An Organization',
        detail: 'Acts for the organization and what it owns.',
        value: 'organization' as const,
        icon: 'organization',
      },
    ],
  });
  if (type === 'user') {
    return { account, holder: { type, id: userId ?? '' } };
  }
  return {
    account,
    holder: {
      type,
      id: await pickEntity(ctx, account, type, {
        title: `${verb} an API Key of Which ${type === 'application' ? 'Application' : 'Organization'}?`,
      }),
    },
  };
}

export function keyName(key: Pick<ApiKey, 'name' | 'id'>): string {
  return plainText(key.name || key.id || '?', 100);
}

export async function keyTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  verb: string,
): Promise<HolderTarget & { key: ApiKey }> {
  const node = nodeArg(args, 'apiKey');
  const { account, holder } = await holderTarget(ctx, args, verb);
  await requireRights(
    account,
    holder,
    [MANAGE_KEYS[holder.type]],
    `${verb.toLowerCase()} API keys of ${holderText(holder)}`,
  );
  if (node) {
    return { account, holder, key: node.key };
  }
  const page = await ctx.ui.withProgress(`Listing API keys of ${holderText(holder)}…`, (signal) =>
    keysApi(account.api, holder).list(holder.id, { limit: 1000, signal }),
  );
  if (page.items.length === 0) {
    throw new CommandError(`${holderText(holder).replace(/^./, (c) => c.toUpperCase())} has no API keys.`);
  }
  const key = await ctx.ui.pick<ApiKey>({
    title: `${verb} API Key of ${holderText(holder)}`,
    placeholder: 'Which key?',
    items: page.items.map((k) => ({
      label: keyName(k),
      description: k.id,
      detail: `${(k.rights ?? []).length} rights · ${expiryText(k.expires_at, ctx.now?.())}`,
      value: k,
      icon: 'key',
    })),
  });
  return { account, holder, key };
}
