// The explorer's command table (vscode-free): each id, the operation that does it (operations.ts, loaded with the
// first command run) and the rights it needs. vscode/register.ts turns it into VS Code commands behind the error
// boundary (through table.ts).
import { isNode } from '../explorer/nodeTypes';
import { onFirstUse } from '../util/onFirstUse';
import type { CommandContext, CommandRun, CommandSpec } from './context';
import type { CommandEntry } from './table';

type Operations = typeof import('./operations');
const operations = onFirstUse(() => import('./operations'));

/** The operation `name` of operations.ts, which loads with the first command run (not at activation). */
function op(name: keyof Operations): CommandRun {
  return async (ctx, ...args) => (await operations())[name](ctx, ...args);
}

/**
 * For a button of the view's title bar: VS Code hands it the row that has the focus, which the user did not choose
 * for it (a focused owner row would silently become the owner of a new client). It acts as from the palette.
 */
function withoutRow(run: CommandRun): CommandRun {
  return (ctx) => run(ctx);
}

const SPECS = [
  { id: 'thingsStack.refresh', run: op('refresh') },
  { id: 'thingsStack.refreshAll', run: op('refreshAll') },
  { id: 'thingsStack.filter', run: op('filter') },
  { id: 'thingsStack.clearFilter', run: op('clearFilter') },
  { id: 'thingsStack.loadMore', run: op('loadMore') },
  { id: 'thingsStack.copyId', run: op('copyId') },
  { id: 'thingsStack.copyValue', run: op('copyValue') },
  { id: 'thingsStack.copyAsJson', run: op('copyAsJson') },
  { id: 'thingsStack.showJson', run: op('showJson') },
  { id: 'thingsStack.openInConsole', run: op('openInConsole') },
  { id: 'thingsStack.createClient', run: op('createClient'), rights: ['RIGHT_USER_CLIENTS_CREATE'] },
  {
    id: 'thingsStack.createClientFromTitleBar',
    run: withoutRow(op('createClient')),
    rights: ['RIGHT_USER_CLIENTS_CREATE'],
  },
  { id: 'thingsStack.editClient', run: op('editClient'), rights: ['RIGHT_CLIENT_SETTINGS_BASIC'] },
  { id: 'thingsStack.deleteClient', run: op('deleteClient'), rights: ['RIGHT_CLIENT_DELETE'] },
  { id: 'thingsStack.restoreClient', run: op('restoreClient'), rights: ['RIGHT_CLIENT_DELETE'] },
  { id: 'thingsStack.purgeClient', run: op('purgeClient') },
  { id: 'thingsStack.approveClient', run: op('approveClient') },
  { id: 'thingsStack.rejectClient', run: op('rejectClient') },
  { id: 'thingsStack.addRedirectUri', run: op('addRedirectUri'), rights: ['RIGHT_CLIENT_SETTINGS_BASIC'] },
  { id: 'thingsStack.removeRedirectUri', run: op('removeRedirectUri'), rights: ['RIGHT_CLIENT_SETTINGS_BASIC'] },
  { id: 'thingsStack.copyClientSecret', run: op('copyClientSecret') },
  { id: 'thingsStack.createApplication', run: op('createApplication'), rights: ['RIGHT_USER_APPLICATIONS_CREATE'] },
  {
    id: 'thingsStack.createApplicationFromTitleBar',
    run: withoutRow(op('createApplication')),
    rights: ['RIGHT_USER_APPLICATIONS_CREATE'],
  },
  { id: 'thingsStack.editApplication', run: op('editApplication'), rights: ['RIGHT_APPLICATION_SETTINGS_BASIC'] },
  { id: 'thingsStack.deleteApplication', run: op('deleteApplication'), rights: ['RIGHT_APPLICATION_DELETE'] },
  { id: 'thingsStack.restoreApplication', run: op('restoreApplication'), rights: ['RIGHT_APPLICATION_DELETE'] },
  { id: 'thingsStack.purgeApplication', run: op('purgeApplication') },
  // API keys and collaborators of several kinds of holder: each names the right it misses before asking anything.
  { id: 'thingsStack.createApiKey', run: op('createApiKey') },
  { id: 'thingsStack.editApiKey', run: op('editApiKey') },
  { id: 'thingsStack.deleteApiKey', run: op('deleteApiKey') },
  { id: 'thingsStack.addCollaborator', run: op('addCollaborator') },
  { id: 'thingsStack.editCollaborator', run: op('editCollaborator') },
  { id: 'thingsStack.removeCollaborator', run: op('removeCollaborator') },
  { id: 'thingsStack.revokeAuthorization', run: op('revokeAuthorization'), rights: ['RIGHT_USER_AUTHORIZED_CLIENTS'] },
  { id: 'thingsStack.revokeToken', run: op('revokeToken'), rights: ['RIGHT_USER_AUTHORIZED_CLIENTS'] },
  { id: 'thingsStack.createOrganization', run: op('createOrganization'), rights: ['RIGHT_USER_ORGANIZATIONS_CREATE'] },
  { id: 'thingsStack.editOrganization', run: op('editOrganization'), rights: ['RIGHT_ORGANIZATION_SETTINGS_BASIC'] },
  { id: 'thingsStack.deleteOrganization', run: op('deleteOrganization'), rights: ['RIGHT_ORGANIZATION_DELETE'] },
  { id: 'thingsStack.restoreOrganization', run: op('restoreOrganization'), rights: ['RIGHT_ORGANIZATION_DELETE'] },
  { id: 'thingsStack.purgeOrganization', run: op('purgeOrganization') },
  { id: 'thingsStack.showOwner', run: op('showOwner') },
  { id: 'thingsStack.registerVsCodeClient', run: op('registerClientForVsCode') },
] as const satisfies readonly CommandSpec[];

export type ExplorerCommandId = (typeof SPECS)[number]['id'];
export const EXPLORER_COMMANDS: readonly (CommandSpec & { id: ExplorerCommandId })[] = SPECS;

/**
 * What a command may act on: a node the explorer itself handed out (by identity — the tree and its own rows pass
 * those), or nothing (then it asks the user). A look-alike from elsewhere (another extension's executeCommand) is
 * dropped, so no caller can have a secret copied or an entity changed by describing a node.
 */
export function trustedArgs(ctx: CommandContext, args: readonly unknown[]): unknown[] {
  return args.map((arg, i) => {
    if (isNode(arg) && !ctx.model.owns(arg)) {
      ctx.log.warn(`Ignored argument ${i + 1}: not a row of the explorer (a look-alike passed to the command).`);
      return undefined;
    }
    return arg;
  });
}

/** The table bound to a context, ready for registerCommands. */
export function explorerCommands(ctx: CommandContext): CommandEntry[] {
  return EXPLORER_COMMANDS.map((spec) => ({
    id: spec.id,
    rights: spec.rights,
    handler: (...args: unknown[]) => spec.run(ctx, ...trustedArgs(ctx, args)),
  }));
}
