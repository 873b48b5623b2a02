// API keys of an application, of the signed-in user or of an organization: create (name, rights, optional expiry;
// the value shown once), edit and delete. Each first checks that the account may manage the holder's keys.
import type { Account } from '../auth/accounts';
import type { KeyHolder } from '../explorer/nodeTypes';
import { keysApi } from '../explorer/fetchers';
import { expiryText, rightsOf } from '../explorer/entityNodes';
import { pickRights } from '../ui/rightsPicker';
import type { Validation } from '../ui/ui';
import { CommandError } from '../ui/errorText';
import { runWizard } from '../ui/wizard';
import { holderTarget, holderText, keyName, keyTarget, MANAGE_KEYS, SCOPE } from './apiKeyTargets';
import type { CommandContext } from './context';
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
async function refreshKeys(ctx: CommandContext, account: Account, holder: KeyHolder): Promise<void> {
  await ctx.model.refreshWhere(
    (n) =>
      n.kind === 'apiKeys' &&
      n.deploymentKey === account.deployment.key &&
      n.holder.type === holder.type &&
      n.holder.id === holder.id,
  );
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
