// Commands every node shares: refresh, filter (type-ahead over the search endpoints), load more, copy ID / value /
// JSON, a read-only JSON document and the Console link for the node's deployment.
import { APPLICATION_DETAIL_FIELDS } from '../tts/applications';
import { CLIENT_DETAIL_FIELDS } from '../tts/clients';
import { consoleLink } from '../tts/deployments';
import { findEntities, entityId } from '../explorer/fetchers';
import { entityOf, isNode, type ExplorerNode, type Section } from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import type { CommandContext } from './context';
import { accountFor, anyEntityTarget, nodeArg, type EntityTarget } from './targets';

export async function refresh(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  ctx.model.refresh(isNode(args[0]) ? args[0] : undefined);
}

export async function loadMore(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeArg(args, 'loadMore');
  if (node) {
    await ctx.model.loadMore(node);
  }
}

async function sectionTarget(ctx: CommandContext, args: readonly unknown[], title: string): Promise<{ deploymentKey: string; section: Section; account: Awaited<ReturnType<typeof accountFor>> }> {
  const node = nodeArg(args, 'section');
  const account = await accountFor(ctx, isNode(args[0]) ? args[0] : undefined);
  const section = node?.section ?? await ctx.ui.pick<Section>({
    title, placeholder: 'Filter which list?',
    items: [{ label: 'OAuth Clients', value: 'clients', icon: 'shield' }, { label: 'Applications', value: 'applications', icon: 'package' }],
  });
  return { deploymentKey: account.deployment.key, section, account };
}

export async function filter(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, deploymentKey, section } = await sectionTarget(ctx, args, 'Filter the Explorer');
  const what = section === 'clients' ? 'OAuth clients' : 'applications';
  const result = await ctx.ui.searchPick<string>({
    title: `Filter ${what} on ${account.deployment.name}`,
    placeholder: `Type part of an ID, name or description; Enter filters by the text, or pick one ${section === 'clients' ? 'client' : 'application'}`,
    value: ctx.model.filterOf(deploymentKey, section),
    acceptText: true,
    search: async (text, signal) => {
      if (!text.trim()) {
        return [];
      }
      const page = await findEntities(account.api, section, { text: text.trim(), limit: 20, signal });
      return page.items.map((e) => ({ label: entityId(e, section), description: e.name || undefined, value: entityId(e, section), icon: section === 'clients' ? 'shield' : 'package' }));
    },
  });
  const text = result.kind === 'item' ? result.value : result.text;
  ctx.model.setFilter(deploymentKey, section, text);
  const node = ctx.model.get(`${deploymentKey}/${section}`);
  if (node && ctx.reveal) {
    await ctx.reveal(node);
  }
}

export async function clearFilter(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeArg(args, 'section');
  if (node) {
    ctx.model.setFilter(node.deploymentKey, node.section, undefined);
    return;
  }
  const account = await accountFor(ctx);
  ctx.model.setFilter(account.deployment.key, 'clients', undefined);
  ctx.model.setFilter(account.deployment.key, 'applications', undefined);
}

/** The most specific ID a node stands for. */
export function idOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'device': return node.device.ids?.device_id;
    case 'apiKey': return node.key.id;
    case 'collaborator': return node.member.id;
    case 'deployment': return node.deploymentKey;
    default: return entityOf(node)?.id;
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
async function jsonOf(ctx: CommandContext, args: readonly unknown[], title: string): Promise<{ name: string; value: unknown }> {
  const node = nodeArg(args, 'apiKey', 'device', 'collaborator');
  if (node) {
    const value = node.kind === 'apiKey' ? node.key : node.kind === 'device' ? node.device : node.collaborator;
    return { name: `${node.kind} ${idOf(node) ?? ''}`, value };
  }
  const { account, entity }: EntityTarget = await anyEntityTarget(ctx, args, title);
  const value = await ctx.ui.withProgress<unknown>(`Loading "${entity.id}"…`, (signal) => entity.type === 'client'
    ? account.api.clients.get(entity.id, CLIENT_DETAIL_FIELDS, signal)
    : account.api.applications.get(entity.id, APPLICATION_DETAIL_FIELDS, signal));
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
  if (node?.kind === 'section' || node?.kind === 'deployment') {
    const account = await accountFor(ctx, node);
    await ctx.ui.openExternal(consoleLink(account.deployment, { kind: node.kind === 'section' ? node.section : 'applications' }));
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
