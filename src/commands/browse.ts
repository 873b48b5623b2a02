// Moving around the explorer's lists: refresh, load more, and filter (type-ahead over the search endpoints).
import { findEntities, entityId } from '../explorer/fetchers';
import { isNode, type Section } from '../explorer/nodeTypes';
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

async function sectionTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  title: string,
): Promise<{ deploymentKey: string; section: Section; account: Awaited<ReturnType<typeof accountFor>> }> {
  const node = nodeArg(args, 'section');
  const account = await accountFor(ctx, isNode(args[0]) ? args[0] : undefined);
  const section =
    node?.section ??
    (await ctx.ui.pick<Section>({
      title,
      placeholder: 'Filter which list?',
      items: [
        { label: 'OAuth Clients', value: 'clients', icon: 'shield' },
        { label: 'Applications', value: 'applications', icon: 'package' },
      ],
    }));
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
      return page.items.map((e) => ({
        label: entityId(e, section),
        description: e.name || undefined,
        value: entityId(e, section),
        icon: section === 'clients' ? 'shield' : 'package',
      }));
    },
  });
  const text = result.kind === 'item' ? result.value : result.text;
  await ctx.model.setFilter(deploymentKey, section, text);
  const node = ctx.model.get(`${deploymentKey}/${section}`);
  if (node && ctx.reveal) {
    await ctx.reveal(node);
  }
}

export async function clearFilter(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = nodeArg(args, 'section');
  if (node) {
    await ctx.model.setFilter(node.deploymentKey, node.section, undefined);
    return;
  }
  const account = await accountFor(ctx);
  await ctx.model.setFilter(account.deployment.key, 'clients', undefined);
  await ctx.model.setFilter(account.deployment.key, 'applications', undefined);
}
