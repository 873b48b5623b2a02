// The explorer's command table (vscode-free): each id with its logic and the rights it needs. vscode/register.ts turns it
// into VS Code commands behind the error boundary (through table.ts).
import { isNode } from '../explorer/nodeTypes';
import type { CommandContext, CommandSpec } from './context';
import type { CommandEntry } from './table';
import { createApplication, editApplication } from './applications';
import { createApiKey, deleteApiKey, editApiKey } from './apiKeys';
import { addRedirectUri, editClient, removeRedirectUri } from './clientEdit';
import { approveClient, copyClientSecret, createClient, rejectClient } from './clients';
import { addCollaborator, editCollaborator, removeCollaborator } from './collaborators';
import { clearFilter, filter, loadMore, refresh, refreshAll, showOwner } from './browse';
import { revokeAuthorization, revokeToken } from './authorizations';
import { createOrganization, editOrganization } from './organizations';
import { copyAsJson, copyId, copyValue, openInConsole, showJson } from './copyAndShow';
import { deleteEntity, purgeEntity, restoreEntity } from './lifecycle';
import { registerVsCodeClient } from './registerClient';

const SPECS = [
  { id: 'thingsStack.refresh', run: refresh },
  { id: 'thingsStack.refreshAll', run: refreshAll },
  { id: 'thingsStack.filter', run: filter },
  { id: 'thingsStack.clearFilter', run: clearFilter },
  { id: 'thingsStack.loadMore', run: loadMore },
  { id: 'thingsStack.copyId', run: copyId },
  { id: 'thingsStack.copyValue', run: copyValue },
  { id: 'thingsStack.copyAsJson', run: copyAsJson },
  { id: 'thingsStack.showJson', run: showJson },
  { id: 'thingsStack.openInConsole', run: openInConsole },
  { id: 'thingsStack.createClient', run: createClient, rights: ['RIGHT_USER_CLIENTS_CREATE'] },
  { id: 'thingsStack.editClient', run: editClient, rights: ['RIGHT_CLIENT_SETTINGS_BASIC'] },
  {
    id: 'thingsStack.deleteClient',
    run: (ctx, ...args) => deleteEntity(ctx, args, 'client'),
    rights: ['RIGHT_CLIENT_DELETE'],
  },
  {
    id: 'thingsStack.restoreClient',
    run: (ctx, ...args) => restoreEntity(ctx, args, 'client'),
    rights: ['RIGHT_CLIENT_DELETE'],
  },
  { id: 'thingsStack.purgeClient', run: (ctx, ...args) => purgeEntity(ctx, args, 'client') },
  { id: 'thingsStack.approveClient', run: approveClient },
  { id: 'thingsStack.rejectClient', run: rejectClient },
  { id: 'thingsStack.addRedirectUri', run: addRedirectUri, rights: ['RIGHT_CLIENT_SETTINGS_BASIC'] },
  { id: 'thingsStack.removeRedirectUri', run: removeRedirectUri, rights: ['RIGHT_CLIENT_SETTINGS_BASIC'] },
  { id: 'thingsStack.copyClientSecret', run: copyClientSecret },
  { id: 'thingsStack.createApplication', run: createApplication, rights: ['RIGHT_USER_APPLICATIONS_CREATE'] },
  { id: 'thingsStack.editApplication', run: editApplication, rights: ['RIGHT_APPLICATION_SETTINGS_BASIC'] },
  {
    id: 'thingsStack.deleteApplication',
    run: (ctx, ...args) => deleteEntity(ctx, args, 'application'),
    rights: ['RIGHT_APPLICATION_DELETE'],
  },
  {
    id: 'thingsStack.restoreApplication',
    run: (ctx, ...args) => restoreEntity(ctx, args, 'application'),
    rights: ['RIGHT_APPLICATION_DELETE'],
  },
  { id: 'thingsStack.purgeApplication', run: (ctx, ...args) => purgeEntity(ctx, args, 'application') },
  // API keys and collaborators of several kinds of holder: each names the right it misses before asking anything.
  { id: 'thingsStack.createApiKey', run: createApiKey },
  { id: 'thingsStack.editApiKey', run: editApiKey },
  { id: 'thingsStack.deleteApiKey', run: deleteApiKey },
  { id: 'thingsStack.addCollaborator', run: addCollaborator },
  { id: 'thingsStack.editCollaborator', run: editCollaborator },
  { id: 'thingsStack.removeCollaborator', run: removeCollaborator },
  { id: 'thingsStack.revokeAuthorization', run: revokeAuthorization, rights: ['RIGHT_USER_AUTHORIZED_CLIENTS'] },
  { id: 'thingsStack.revokeToken', run: revokeToken, rights: ['RIGHT_USER_AUTHORIZED_CLIENTS'] },
  { id: 'thingsStack.createOrganization', run: createOrganization, rights: ['RIGHT_USER_ORGANIZATIONS_CREATE'] },
  { id: 'thingsStack.editOrganization', run: editOrganization, rights: ['RIGHT_ORGANIZATION_SETTINGS_BASIC'] },
  {
    id: 'thingsStack.deleteOrganization',
    run: (ctx, ...args) => deleteEntity(ctx, args, 'organization'),
    rights: ['RIGHT_ORGANIZATION_DELETE'],
  },
  {
    id: 'thingsStack.restoreOrganization',
    run: (ctx, ...args) => restoreEntity(ctx, args, 'organization'),
    rights: ['RIGHT_ORGANIZATION_DELETE'],
  },
  { id: 'thingsStack.purgeOrganization', run: (ctx, ...args) => purgeEntity(ctx, args, 'organization') },
  { id: 'thingsStack.showOwner', run: showOwner },
  {
    id: 'thingsStack.registerVsCodeClient',
    run: async (ctx) => {
      if (!ctx.vsCodeClientHost) {
        throw new Error('Registering an OAuth client needs the VS Code host.');
      }
      await registerVsCodeClient(ctx, ctx.vsCodeClientHost);
    },
  },
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
