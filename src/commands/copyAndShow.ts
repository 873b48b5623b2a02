// What a node holds, taken elsewhere: copy its ID, value or JSON, show it as a read-only JSON document, or open it
// in the Console of its deployment.
import { APPLICATION_DETAIL_FIELDS } from '../tts/applications';
import { CLIENT_DETAIL_FIELDS } from '../tts/clients';
import { ORGANIZATION_DETAIL_FIELDS } from '../tts/organizations';
import { consoleLink } from '../tts/deployments';
import { entityOf, isNode, type ExplorerNode } from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import type { CommandContext } from './context';
import { accountFor, anyEntityTarget, nodeArg, type EntityTarget } from './targets';

/** The most specific ID a node stands for. */
export function idOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'device':
      return node.device.ids?.device_id;
    case 'apiKey':
      return node.key.id;
    case 'collaborator':
      return node.member.id;
    case 'authorization':
      return node.clientId;
    case 'token':
      return node.token.id;
    case 'deployment':
      return node.deploymentKey;
    default:
      return entityOf(node)?.id;
  }
}

export async function copyId(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = isNode(args[0]) ? args[0] : undefined;
  const id = node ? idOf(node) : (await anyEntityTarget(ctx, args, 'Copy the ID of…')).entity.id;
  if (!id) {
    throw new CommandError('This item has no ID to copy.');
  }
  await ctx.ui.copy(id);
}

export async function copyValue(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeArg(args, 'property', 'uri', 'right');
  if (!node) {
    return copyId(ctx, ...args);
  }
  await ctx.ui.copy(node.kind === 'property' ? node.value : node.kind === 'uri' ? node.uri : node.right);
}

/** What a node shows, as the server has it; clients and applications are fetched fresh. */
async function jsonOf(
  ctx: CommandContext,
  args: readonly unknown[],
  title: string,
): Promise<{ name: string; value: unknown }> {
  const node = nodeArg(args, 'apiKey', 'device', 'collaborator', 'authorization', 'token');
  if (node) {
    const value =
      node.kind === 'apiKey'
        ? node.key
        : node.kind === 'device'
          ? node.device
          : node.kind === 'collaborator'
            ? node.collaborator
            : node.kind === 'authorization'
              ? node.authorization
              : node.token; // listed without its value: TTS never returns one
    return { name: `${node.kind} ${idOf(node) ?? ''}`, value };
  }
  const { account, entity }: EntityTarget = await anyEntityTarget(ctx, args, title);
  const value = await ctx.ui.withProgress<unknown>(`Loading "${entity.id}"…`, (signal) =>
    entity.type === 'client'
      ? account.api.clients.get(entity.id, CLIENT_DETAIL_FIELDS, signal)
      : entity.type === 'application'
        ? account.api.applications.get(entity.id, APPLICATION_DETAIL_FIELDS, signal)
        : account.api.organizations.get(entity.id, ORGANIZATION_DETAIL_FIELDS, signal),
  );
  return { name: `${entity.type} ${entity.id}`, value };
}

export async function copyAsJson(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { value } = await jsonOf(ctx, args, 'Copy as JSON');
  await ctx.ui.copy(JSON.stringify(value, null, 2));
}

export async function showJson(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { name, value } = await jsonOf(ctx, args, 'Show as JSON');
  await ctx.ui.showJson(name, value);
}

export async function openInConsole(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = isNode(args[0]) ? args[0] : undefined;
  const list =
    node?.kind === 'section' || node?.kind === 'allEntities'
      ? node.section
      : node?.kind === 'deployment'
        ? 'applications'
        : node?.kind === 'authorizations' || node?.kind === 'authorization' || node?.kind === 'token'
          ? 'authorizations'
          : (node?.kind === 'apiKeys' || node?.kind === 'apiKey') && node.holder.type === 'user'
            ? 'userApiKeys'
            : undefined;
  if (node && list) {
    const account = await accountFor(ctx, node);
    await ctx.ui.openExternal(consoleLink(account.deployment, { kind: list }));
    return;
  }
  const { account, entity } = await anyEntityTarget(ctx, args, 'Open in Console');
  let url = consoleLink(account.deployment, { kind: entity.type, id: entity.id });
  if (node?.kind === 'device') {
    url += `/devices/${encodeURIComponent(node.device.ids?.device_id ?? '')}`;
  } else if (node?.kind === 'apiKey') {
    url += `/api-keys/${encodeURIComponent(node.key.id ?? '')}`;
  } else if (node?.kind === 'apiKeys' || node?.kind === 'devices') {
    url += node.kind === 'apiKeys' ? '/api-keys' : '/devices';
  } else if (node?.kind === 'collaborators' || node?.kind === 'collaborator') {
    url += '/collaborators';
  }
  await ctx.ui.openExternal(url);
}
