// What a command acts on: the tree node it was run on, or — from the palette — a quick pick (palette/tree parity).
import type { Account } from '../auth/accounts';
import { stateLabel } from '../explorer/entityNodes';
import { entityId, findEntities, type Entity } from '../explorer/fetchers';
import {
  entityOf,
  isNode,
  type EntityRef,
  type EntityType,
  type ExplorerNode,
  type NodeOf,
  type Section,
} from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import type { PickItem } from '../ui/ui';
import type { CommandContext } from './context';

export const sectionOf = (type: EntityType): Section => `${type}s`;
export const noun = (type: EntityType): string => (type === 'client' ? 'OAuth client' : type);
const ICON: Record<EntityType, string> = { client: 'shield', application: 'package', organization: 'organization' };

/** The tree node passed by a menu, if it is one of the wanted kinds. */
export function nodeArg<K extends ExplorerNode['kind']>(
  args: readonly unknown[],
  ...kinds: K[]
): NodeOf<K> | undefined {
  const node = args[0];
  return isNode(node) && (kinds as string[]).includes(node.kind) ? (node as NodeOf<K>) : undefined;
}

/**
 * The signed-in account of the node's deployment, or a pick among signed-in deployments; `admin`: among those where
 * the account is an administrator (the others cannot do what the command does).
 */
export async function accountFor(ctx: CommandContext, node?: ExplorerNode, admin?: { what: string }): Promise<Account> {
  if (node) {
    const account = ctx.accounts.account(node.deploymentKey);
    if (!account) {
      throw new CommandError('Sign in to this deployment first (Things Stack: Sign In).');
    }
    return account;
  }
  const keys = [...new Set(ctx.accounts.deployments().map((d) => d.key))];
  const signedIn = keys.map((key) => ctx.accounts.account(key)).filter((a): a is Account => a !== undefined);
  if (signedIn.length === 0) {
    throw new CommandError('Sign in to The Things Stack first (Things Stack: Sign In).');
  }
  const accounts = admin ? signedIn.filter((a) => a.session.isAdmin === true) : signedIn;
  if (accounts.length === 0) {
    const where = signedIn.length === 1 ? signedIn[0].deployment.name : 'The Things Stack';
    throw new CommandError(`Only administrators of ${where} can ${admin?.what ?? ''}.`);
  }
  if (accounts.length === 1) {
    return accounts[0];
  }
  return ctx.ui.pick({
    title: 'Choose a Deployment',
    placeholder: 'Which deployment?',
    items: accounts.map((a) => ({
      label: a.deployment.name,
      description: a.session.accountLabel,
      value: a,
      icon: 'cloud',
    })),
  });
}

export interface EntityTarget {
  account: Account;
  entity: EntityRef;
  node?: ExplorerNode;
}

function entityItem(entity: Entity, type: EntityType): PickItem<string> {
  const id = entityId(entity, sectionOf(type));
  const client = type === 'client' ? (entity as { state?: Parameters<typeof stateLabel>[0] }) : undefined;
  return {
    label: id,
    description: entity.name || undefined,
    detail: client ? stateLabel(client.state) : entity.description || undefined,
    value: id,
    icon: ICON[type],
  };
}

/** Type-ahead over the search endpoint; before typing, the first page of everything the caller reaches. */
export async function pickEntity(
  ctx: CommandContext,
  account: Account,
  type: EntityType,
  options: { deleted?: boolean; title?: string } = {},
): Promise<string> {
  const section = sectionOf(type);
  const deleted = options.deleted === true;
  // An admin restores or purges what anybody deleted: v3.32.1 lists an admin's own memberships, searches everything.
  const everything = deleted && account.session.isAdmin === true;
  const first = await ctx.ui.withProgress(`Listing ${noun(type)}s…`, (signal) =>
    findEntities(account.api, section, { deleted, limit: 50, signal, everything }),
  );
  if (first.items.length === 0) {
    throw new CommandError(
      deleted
        ? `There is no recently deleted ${noun(type)} on ${account.deployment.name}.`
        : `You have no ${noun(type)}s on ${account.deployment.name} yet.`,
    );
  }
  const result = await ctx.ui.searchPick<string>({
    title:
      options.title ??
      `Choose ${type === 'client' ? 'an OAuth Client' : type === 'application' ? 'an Application' : 'an Organization'}`,
    placeholder: `Type to search ${deleted ? 'recently deleted ' : ''}${noun(type)}s by ID or name`,
    initial: first.items.map((e) => entityItem(e, type)),
    search: async (text, signal) => {
      const page = await findEntities(account.api, section, {
        text: text.trim() || undefined,
        deleted,
        limit: 50,
        signal,
        everything,
      });
      return page.items.map((e) => entityItem(e, type));
    },
  });
  return result.kind === 'text' ? result.text.trim() : result.value;
}

/** The client or application a command acts on. */
export async function entityTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  type: EntityType,
  options: { deleted?: boolean; title?: string; account?: Account } = {},
): Promise<EntityTarget> {
  const node = isNode(args[0]) ? args[0] : undefined;
  const ref = node ? entityOf(node) : undefined;
  if (node && ref?.type === type) {
    return { account: options.account ?? (await accountFor(ctx, node)), entity: ref, node };
  }
  const account = options.account ?? (await accountFor(ctx, node));
  return { account, entity: { type, id: await pickEntity(ctx, account, type, options) } };
}

/** The client or application, when the command works on both (collaborators, copy, Console). */
export async function anyEntityTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  title: string,
): Promise<EntityTarget> {
  const node = isNode(args[0]) ? args[0] : undefined;
  const ref = node ? entityOf(node) : undefined;
  if (node && ref) {
    return { account: await accountFor(ctx, node), entity: ref, node };
  }
  const account = await accountFor(ctx, node);
  const type = await ctx.ui.pick<EntityType>({
    title,
    placeholder: 'Of an OAuth client, an application or an organization?',
    items: [
      { label: 'OAuth Client', value: 'client', icon: 'shield' },
      { label: 'Application', value: 'application', icon: 'package' },
      { label: 'Organization', value: 'organization', icon: 'organization' },
    ],
  });
  return { account, entity: { type, id: await pickEntity(ctx, account, type) } };
}

/**
 * Admin-only commands check before asking anything; from the palette they ask among admin accounts only. Returns the
 * account to pass on to entityTarget.
 */
export async function adminAccount(ctx: CommandContext, args: readonly unknown[], what: string): Promise<Account> {
  const account = await accountFor(ctx, isNode(args[0]) ? args[0] : undefined, { what });
  if (account.session.isAdmin !== true) {
    throw new CommandError(`Only administrators of ${account.deployment.name} can ${what}.`);
  }
  return account;
}
