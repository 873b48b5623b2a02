// Moving around the explorer's lists: refresh, load more, and filter (type-ahead over the search endpoints).
import { findEntities, entityId } from '../explorer/fetchers';
import type { Account } from '../auth/accounts';
import { filterListOf, isNode, type FilterList, type Section } from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import type { CommandContext } from './context';
import { accountFor, nodeArg } from './targets';

/** Refresh on a row: what the row shows (everything when no row is given, as from "Try Again" of the whole tree). */
export async function refresh(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  await ctx.model.refresh(isNode(args[0]) ? args[0] : undefined);
}

/**
 * Refresh All (the view's title button, the palette): everything. VS Code passes a title button the tree's focused
 * row, which is not what the button acts on.
 */
export async function refreshAll(ctx: CommandContext): Promise<void> {
  await ctx.model.refresh();
}

export async function loadMore(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeArg(args, 'loadMore');
  if (node) {
    await ctx.model.loadMore(node);
  }
}

const LISTS: { list: FilterList; label: string; icon: string; admin?: boolean }[] = [
  { list: 'clients', label: 'OAuth Clients', icon: 'shield' },
  { list: 'applications', label: 'Applications', icon: 'package' },
  { list: 'organizations', label: 'Organizations', icon: 'organization' },
  { list: 'all-clients', label: 'All OAuth Clients (administration)', icon: 'list-flat', admin: true },
  { list: 'all-applications', label: 'All Applications (administration)', icon: 'list-flat', admin: true },
  { list: 'all-organizations', label: 'All Organizations (administration)', icon: 'list-flat', admin: true },
];

const NOUNS: Record<Section, { what: string; one: string }> = {
  clients: { what: 'OAuth clients', one: 'client' },
  applications: { what: 'applications', one: 'application' },
  organizations: { what: 'organizations', one: 'organization' },
};

const sectionOfList = (list: FilterList): Section => list.replace(/^all-/, '') as Section;

async function listTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  title: string,
): Promise<{ deploymentKey: string; list: FilterList; account: Account }> {
  const node = nodeArg(args, 'section', 'allEntities');
  const account = await accountFor(ctx, isNode(args[0]) ? args[0] : undefined);
  const isAdmin = account.session.isAdmin === true;
  const list =
    (node && filterListOf(node)) ??
    (await ctx.ui.pick<FilterList>({
      title,
      placeholder: 'Filter which list?',
      items: LISTS.filter((l) => isAdmin || !l.admin).map((l) => ({ label: l.label, value: l.list, icon: l.icon })),
    }));
  return { deploymentKey: account.deployment.key, list, account };
}

export async function filter(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, deploymentKey, list } = await listTarget(ctx, args, 'Filter the Explorer');
  const section = sectionOfList(list);
  const { what, one } = NOUNS[section];
  const result = await ctx.ui.searchPick<string>({
    title: `Filter ${list.startsWith('all-') ? 'all ' : ''}${what} on ${account.deployment.name}`,
    placeholder: `Type part of an ID, name or description; Enter filters by the text, or pick one ${one}`,
    value: ctx.model.filterOf(deploymentKey, list),
    acceptText: true,
    search: async (text, signal) => {
      if (!text.trim()) {
        return [];
      }
      const page = await findEntities(account.api, section, { text: text.trim(), limit: 20, signal });
      return page.items.map((e) => ({
        label: entityId(e, section),
        description: e.name || undefined,
        value: entityId(e, section),
        icon: LISTS.find((l) => l.list === section)?.icon,
      }));
    },
  });
  const text = result.kind === 'item' ? result.value : result.text;
  await ctx.model.setFilter(deploymentKey, list, text);
  const [node] = ctx.model.find(
    (n) =>
      n.deploymentKey === deploymentKey &&
      (n.kind === 'section' || n.kind === 'allEntities') &&
      filterListOf(n) === list,
  );
  if (node && ctx.reveal) {
    await ctx.reveal(node);
  }
}

/** From an organization: shows its OAuth clients or applications where they are listed, under it as their owner. */
export async function showOwner(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const organization = nodeArg(args, 'organization');
  const section = args[1];
  if (!organization || (section !== 'clients' && section !== 'applications')) {
    return;
  }
  const key = organization.deploymentKey;
  if (ctx.model.filterOf(key, section) !== undefined) {
    await ctx.model.setFilter(key, section, undefined);
  }
  const sectionNode = ctx.model.get(`${key}/${section}`);
  if (sectionNode) {
    await ctx.model.children(sectionNode);
  }
  const owner = ctx.model.find(
    (n) =>
      n.kind === 'owner' &&
      n.deploymentKey === key &&
      n.section === section &&
      n.owner.kind === 'organization' &&
      n.owner.id === organization.organizationId,
  )[0];
  if (!owner) {
    throw new CommandError(
      `Organization "${organization.organizationId}" is not among your organizations on this deployment, so its ${section === 'clients' ? 'OAuth clients' : 'applications'} are not listed under it.`,
    );
  }
  await ctx.reveal?.(owner);
}

export async function clearFilter(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeArg(args, 'section', 'allEntities');
  if (node) {
    await ctx.model.setFilter(node.deploymentKey, filterListOf(node), undefined);
    return;
  }
  const account = await accountFor(ctx);
  for (const { list } of LISTS) {
    await ctx.model.setFilter(account.deployment.key, list, undefined);
  }
}
