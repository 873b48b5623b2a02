// Delete, restore and purge for OAuth clients, applications and organizations. Every destructive step is a modal that says what
// cannot be undone; an application that still has devices is refused before any request; one that is not pristine
// (other collaborators or API keys) asks for its ID to be typed, as the Console does.
import type { Account } from '../auth/accounts';
import { ownerOf } from '../tts/types';
import type { EntityType, ExplorerNode } from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import type { CommandContext } from './context';
import type { Right } from '../tts/rights';
import { requireRights } from './rightsCheck';
import { adminAccount, entityTarget, noun, sectionOf } from './targets';
import { UserCancelledError } from '../util/cancellation';

const TITLES: Record<EntityType, string> = {
  client: 'OAuth Client',
  application: 'Application',
  organization: 'Organization',
};
const Title = (type: EntityType): string => TITLES[type];
const CONSEQUENCES: Record<EntityType, string> = {
  client: 'Applications that sign in with it stop working at once.',
  application: 'Integrations that use it stop working at once.',
  organization:
    'Its members and API keys lose what they reach through it at once; the clients and applications it owns stay, but only their other collaborators reach them.',
};

const DELETE_RIGHTS: Record<EntityType, Right> = {
  client: 'RIGHT_CLIENT_DELETE',
  application: 'RIGHT_APPLICATION_DELETE',
  organization: 'RIGHT_ORGANIZATION_DELETE',
};

function registryOf(account: Account, type: EntityType) {
  const api = account.api;
  return type === 'client' ? api.clients : type === 'application' ? api.applications : api.organizations;
}

/** A live or deleted entity row. */
const deletedFlag = (node: ExplorerNode | undefined): boolean | undefined =>
  node && (node.kind === 'client' || node.kind === 'application' || node.kind === 'organization')
    ? node.deleted
    : undefined;
const RESTORE_NOTE =
  "You can restore it from Recently Deleted for 24 hours (The Things Stack's default restore window).";

interface Pristine {
  /** Why the ID must be typed; empty when the application is pristine. */
  reasons: string[];
}

/** Refuses an application with devices; tells whether it has other collaborators or API keys. */
async function checkApplication(ctx: CommandContext, account: Account, id: string, action: string): Promise<Pristine> {
  const api = account.api;
  const unknown = (): undefined => undefined;
  const [devices, collaborators, keys] = await ctx.ui.withProgress(`Checking application "${id}"…`, (signal) =>
    Promise.all([
      api.devices.list(id, { limit: 1, signal }).then((p) => p.total ?? p.items.length, unknown),
      api.collaborators.list('applications', id, { limit: 1000, signal }).then((p) => p.items, unknown),
      api.apiKeys.list(id, { limit: 1, signal }).then((p) => p.total ?? p.items.length, unknown),
    ]),
  );
  if (devices !== undefined && devices > 0) {
    throw new CommandError(
      `Application "${id}" still has ${devices} end device${devices === 1 ? '' : 's'}, and The Things Stack refuses to ${action} ` +
        'an application with devices. Delete its end devices first, then try again.',
    );
  }
  const reasons: string[] = [];
  const others = collaborators?.filter((c) => {
    const member = ownerOf(c.ids);
    return !(member?.kind === 'user' && member.id === account.session.accountId);
  });
  if (others === undefined) {
    reasons.push('collaborators you cannot see');
  } else if (others.length > 0) {
    reasons.push(`${others.length} other collaborator${others.length === 1 ? '' : 's'}`);
  }
  if (keys === undefined) {
    reasons.push('API keys you cannot see');
  } else if (keys > 0) {
    reasons.push(`${keys} API key${keys === 1 ? '' : 's'}`);
  }
  return { reasons };
}

async function typeId(ctx: CommandContext, title: string, id: string, why: string): Promise<void> {
  await ctx.ui.input({
    title,
    prompt: `${why} Type "${id}" to confirm.`,
    placeholder: id,
    quietWhenEmpty: true,
    validate: (v) => (v.trim() === id ? undefined : { severity: 'error', message: `Type the ID "${id}" exactly.` }),
  });
}

export async function deleteEntity(ctx: CommandContext, args: unknown[], type: EntityType): Promise<void> {
  const { account, entity, node } = await entityTarget(ctx, args, type, { title: `Delete Which ${Title(type)}?` });
  if (deletedFlag(node) === true) {
    throw new CommandError(`${Title(type)} "${entity.id}" is already deleted.`);
  }
  await requireRights(account, entity, [DELETE_RIGHTS[type]], `delete ${noun(type)} "${entity.id}"`);
  const { reasons } =
    type === 'application' ? await checkApplication(ctx, account, entity.id, 'delete') : { reasons: [] };
  const consequence = CONSEQUENCES[type];
  const ok = await ctx.ui.confirm({
    message: `Delete ${noun(type)} "${entity.id}"?`,
    detail: `${consequence} The ID "${entity.id}" cannot be reused — not even by you — unless an administrator purges it. ${RESTORE_NOTE}`,
    confirm: 'Delete',
  });
  if (!ok) {
    throw new UserCancelledError();
  }
  if (reasons.length > 0) {
    await typeId(ctx, `Delete ${Title(type)} "${entity.id}"`, entity.id, `It has ${reasons.join(' and ')}.`);
  }
  await ctx.ui.withProgress(`Deleting ${noun(type)} "${entity.id}"…`, (signal) =>
    registryOf(account, type).delete(entity.id, signal),
  );
  ctx.log.info(`Deleted ${noun(type)} ${entity.id} on ${account.deployment.name}.`);
  await ctx.model.refreshSection(account.deployment.key, sectionOf(type));
  void ctx.ui.info(`Deleted ${noun(type)} "${entity.id}". ${RESTORE_NOTE}`);
}

export async function restoreEntity(ctx: CommandContext, args: unknown[], type: EntityType): Promise<void> {
  const { account, entity, node } = await entityTarget(ctx, args, type, {
    deleted: true,
    title: `Restore Which Recently Deleted ${Title(type)}?`,
  });
  if (deletedFlag(node) === false) {
    throw new CommandError(`${Title(type)} "${entity.id}" is not deleted.`);
  }
  await ctx.ui.withProgress(`Restoring ${noun(type)} "${entity.id}"…`, (signal) =>
    registryOf(account, type).restore(entity.id, signal),
  );
  ctx.log.info(`Restored ${noun(type)} ${entity.id} on ${account.deployment.name}.`);
  await ctx.model.refreshSection(account.deployment.key, sectionOf(type));
  void ctx.ui.info(`Restored ${noun(type)} "${entity.id}".`);
}

export async function purgeEntity(ctx: CommandContext, args: unknown[], type: EntityType): Promise<void> {
  const admin = await adminAccount(ctx, args, `purge ${noun(type)}s`);
  const { account, entity, node } = await entityTarget(ctx, args, type, {
    deleted: true,
    account: admin,
    title: `Purge Which Recently Deleted ${Title(type)}?`,
  });
  const live = deletedFlag(node) === false;
  if (type === 'application' && live) {
    await checkApplication(ctx, account, entity.id, 'purge');
  }
  const removed =
    type === 'client'
      ? 'its collaborators and the rights users granted it'
      : type === 'application'
        ? 'its collaborators and API keys'
        : 'its members and API keys';
  const ok = await ctx.ui.confirm({
    message: `Purge ${noun(type)} "${entity.id}" permanently?`,
    detail: `Purging is final: it cannot be restored, and ${removed} are removed for good. The ID "${entity.id}" becomes free for anyone to register again.`,
    confirm: 'Purge',
  });
  if (!ok) {
    throw new UserCancelledError();
  }
  await typeId(ctx, `Purge ${Title(type)} "${entity.id}"`, entity.id, 'This cannot be undone.');
  await ctx.ui.withProgress(`Purging ${noun(type)} "${entity.id}"…`, (signal) =>
    registryOf(account, type).purge(entity.id, signal),
  );
  ctx.log.info(`Purged ${noun(type)} ${entity.id} on ${account.deployment.name}.`);
  await ctx.model.refreshSection(account.deployment.key, sectionOf(type));
  void ctx.ui.info(`Purged ${noun(type)} "${entity.id}".`);
}
