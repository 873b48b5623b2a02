// API keys of an application, of the signed-in user or of an organization: create (name, rights, optional expiry;
// the value shown once), edit and delete. Each first checks that the account may manage the holder's keys.
import type { Account } from '../auth/accounts';
import { isNode, entityOf, type KeyHolder } from '../explorer/nodeTypes';
import { keysApi } from '../explorer/fetchers';
import { userIdOf } from '../explorer/owners';
import type { Right } from '../tts/rights';
import type { ApiKey } from '../tts/types';
import { expiryText, rightsOf } from '../explorer/entityNodes';
import { CommandError } from '../ui/errorText';
import { pickRights, type RightsScope } from '../ui/rightsPicker';
import type { Validation } from '../ui/ui';
import { runWizard } from '../ui/wizard';
import type { CommandContext } from './context';
import { accountFor, nodeArg, pickEntity } from './targets';
import { requireRights } from './rightsCheck';
import { UserCancelledError } from '../util/cancellation';
import { plainText } from '../util/plainText';

const DAY = 86_400_000;
export const KEY_NAME_MAX = 50;

const checkName = (v: string): Validation | undefined =>
  v.length > KEY_NAME_MAX
    ? { severity: 'error', message: `At most ${KEY_NAME_MAX} characters (it has ${v.length}).` }
    : !v.trim()
      ? { severity: 'warning', message: 'A name tells you later what the key is for.' }
      : undefined;

/** `YYYY-MM-DD` (end of that day, UTC) in the future → RFC 3339; otherwise a message. */
export function parseExpiry(text: string, now: number): { iso: string } | { error: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59) : NaN;
  if (
    !match ||
    Number.isNaN(time) ||
    new Date(time).getUTCDate() !== Number(match[3]) ||
    new Date(time).getUTCMonth() !== Number(match[2]) - 1
  ) {
    return { error: 'Enter a date as YYYY-MM-DD, e.g. 2030-12-31.' };
  }
  if (time <= now) {
    return { error: 'The expiry date must be in the future.' };
  }
  return { iso: new Date(time).toISOString().replace('.000Z', 'Z') };
}

async function askExpiry(
  ctx: CommandContext,
  title: string,
  step?: { step: number; total: number; back: boolean },
): Promise<string | undefined> {
  const now = ctx.now?.() ?? Date.now();
  const choice = await ctx.ui.pick<number | 'never' | 'custom'>({
    title,
    step,
    placeholder: 'When should the key expire?',
    items: [
      { label: 'Never', detail: 'Valid until deleted.', value: 'never' },
      { label: 'In 30 Days', value: 30 },
      { label: 'In 90 Days', value: 90 },
      { label: 'In 1 Year', value: 365 },
      { label: 'On a Date…', value: 'custom' },
    ],
  });
  if (choice === 'never') {
    return undefined;
  }
  if (typeof choice === 'number') {
    return new Date(now + choice * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const text = await ctx.ui.input({
    title,
    step,
    prompt: 'Expiry date (YYYY-MM-DD, end of day UTC)',
    placeholder: '2030-12-31',
    validate: (v) => {
      const r = parseExpiry(v, now);
      return 'error' in r ? { severity: 'error', message: r.error } : undefined;
    },
  });
  const parsed = parseExpiry(text, now);
  return 'iso' in parsed ? parsed.iso : undefined;
}

interface KeyDraft {
  name: string;
  rights: string[];
  expiresAt?: string;
}

const MANAGE_KEYS: Record<KeyHolder['type'], Right> = {
  application: 'RIGHT_APPLICATION_SETTINGS_API_KEYS',
  user: 'RIGHT_USER_SETTINGS_API_KEYS',
  organization: 'RIGHT_ORGANIZATION_SETTINGS_API_KEYS',
};
const SCOPE: Record<KeyHolder['type'], RightsScope> = {
  application: 'application',
  user: 'user',
  organization: 'organization',
};

/** 'application "app1"', 'organization "acme"', 'your account "alice"'. */
export function holderText(holder: KeyHolder): string {
  return holder.type === 'user' ? `your account "${holder.id}"` : `${holder.type} "${holder.id}"`;
}

interface HolderTarget {
  account: Account;
  holder: KeyHolder;
}

/** Whose keys: the node's (API Keys row, a key, an application or organization), else the user's choice. */
async function holderTarget(ctx: CommandContext, args: readonly unknown[], verb: string): Promise<HolderTarget> {
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

export async function createApiKey(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, holder } = await holderTarget(ctx, args, 'Create');
  await requireRights(account, holder, [MANAGE_KEYS[holder.type]], `create API keys of ${holderText(holder)}`);
  const title = `Create API Key for ${holderText(holder)}`;
  const draft: KeyDraft = { name: '', rights: [] };
  await runWizard<KeyDraft>(
    [
      {
        run: async (s, step) => {
          s.name = (
            await ctx.ui.input({
              title,
              step,
              value: s.name,
              prompt: 'Name of the key, e.g. "mqtt-integration"',
              validate: checkName,
            })
          ).trim();
        },
      },
      {
        run: async (s, step) => {
          s.rights = await pickRights(ctx.ui, {
            title,
            scope: SCOPE[holder.type],
            step,
            current: s.rights.length ? s.rights : undefined,
          });
        },
      },
      {
        run: async (s, step) => {
          s.expiresAt = await askExpiry(ctx, title, step);
        },
      },
    ],
    draft,
  );
  const created = await ctx.ui.withProgress(`Creating API key "${plainText(draft.name, 100)}"…`, (signal) =>
    keysApi(account.api, holder).create(
      holder.id,
      { name: draft.name, rights: rightsOf(draft.rights), expiresAt: draft.expiresAt },
      signal,
    ),
  );
  await refreshKeys(ctx, account, holder);
  if (created.key) {
    ctx.redact?.(created.key);
    await ctx.ui.showSecret({
      title: `API key "${keyName({ name: draft.name, id: created.id })}" of ${holderText(holder)}`,
      detail: `The Things Stack shows this key only now and never again, and VS Code does not keep it. Copy it into the integration that needs it (it ${expiryText(draft.expiresAt, ctx.now?.())}).`,
      secret: created.key,
    });
  }
  ctx.log.info(`Created API key ${created.id ?? ''} of ${holder.type} ${holder.id}.`);
}

/** A key's name as the user reads it: set by any collaborator of the holder, so plain text (no link, no icon). */
function keyName(key: Pick<ApiKey, 'name' | 'id'>): string {
  return plainText(key.name || key.id || '?', 100);
}

async function refreshKeys(ctx: CommandContext, account: Account, holder: KeyHolder): Promise<void> {
  await ctx.model.refreshWhere(
    (n) =>
      n.kind === 'apiKeys' &&
      n.deploymentKey === account.deployment.key &&
      n.holder.type === holder.type &&
      n.holder.id === holder.id,
  );
}

async function keyTarget(
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

export async function editApiKey(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, holder, key } = await keyTarget(ctx, args, 'Edit');
  const title = `Edit API Key "${keyName(key)}"`;
  const field = await ctx.ui.pick<'name' | 'rights' | 'expiry'>({
    title,
    placeholder: 'Which field?',
    items: [
      { label: 'Name', description: key.name ? plainText(key.name, 100) : '(none)', value: 'name' },
      { label: 'Rights', description: `${(key.rights ?? []).length} rights`, value: 'rights' },
      { label: 'Expiry', description: expiryText(key.expires_at, ctx.now?.()), value: 'expiry' },
    ],
  });
  const changes =
    field === 'name'
      ? { name: (await ctx.ui.input({ title, prompt: 'Name', value: key.name ?? '', validate: checkName })).trim() }
      : field === 'rights'
        ? { rights: await pickRights(ctx.ui, { title, scope: SCOPE[holder.type], current: key.rights ?? [] }) }
        : { expiresAt: (await askExpiry(ctx, title)) ?? '' };
  if ('expiresAt' in changes && changes.expiresAt === '') {
    throw new CommandError(
      'The Things Stack cannot remove an expiry date from an existing key; create a new key without one instead.',
    );
  }
  await ctx.ui.withProgress('Updating the API key…', (signal) =>
    keysApi(account.api, holder).update(holder.id, key.id ?? '', changes, signal),
  );
  await refreshKeys(ctx, account, holder);
  void ctx.ui.info(`Updated the ${field} of API key "${keyName(key)}".`);
}

export async function deleteApiKey(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, holder, key } = await keyTarget(ctx, args, 'Delete');
  const ok = await ctx.ui.confirm({
    message: `Delete API key "${keyName(key)}" of ${holderText(holder)}?`,
    detail: 'Everything that uses this key loses access at once. This cannot be undone: a new key has a new value.',
    confirm: 'Delete',
  });
  if (!ok) {
    throw new UserCancelledError();
  }
  await ctx.ui.withProgress('Deleting the API key…', (signal) =>
    keysApi(account.api, holder).delete(holder.id, key.id ?? '', signal),
  );
  await refreshKeys(ctx, account, holder);
  void ctx.ui.info(`Deleted API key "${keyName(key)}".`);
}
