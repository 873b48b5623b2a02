// The logic of the explorer's commands, one export per command. explorerCommands.ts registers the ids at activation
// and loads this module when the first of them runs: the build makes it a chunk of its own (esbuild.mjs), so
// activation does not parse the wizards, prompts and guidelines behind the commands. vscode-free.
import type { CommandContext, CommandRun } from './context';
import { deleteEntity, purgeEntity, restoreEntity } from './lifecycle';
import { registerVsCodeClient } from './registerClient';

export { createApplication, editApplication } from './applications';
export { createApiKey, deleteApiKey, editApiKey } from './apiKeys';
export { addRedirectUri, editClient, removeRedirectUri } from './clientEdit';
export { approveClient, copyClientSecret, createClient, rejectClient } from './clients';
export { addCollaborator, editCollaborator, removeCollaborator } from './collaborators';
export { clearFilter, filter, loadMore, refresh, refreshAll, showOwner } from './browse';
export { revokeAuthorization, revokeToken } from './authorizations';
export { createOrganization, editOrganization } from './organizations';
export { copyAsJson, copyId, copyValue, openInConsole, showJson } from './copyAndShow';

export const deleteClient: CommandRun = (ctx, ...args) => deleteEntity(ctx, args, 'client');
export const restoreClient: CommandRun = (ctx, ...args) => restoreEntity(ctx, args, 'client');
export const purgeClient: CommandRun = (ctx, ...args) => purgeEntity(ctx, args, 'client');
export const deleteApplication: CommandRun = (ctx, ...args) => deleteEntity(ctx, args, 'application');
export const restoreApplication: CommandRun = (ctx, ...args) => restoreEntity(ctx, args, 'application');
export const purgeApplication: CommandRun = (ctx, ...args) => purgeEntity(ctx, args, 'application');
export const deleteOrganization: CommandRun = (ctx, ...args) => deleteEntity(ctx, args, 'organization');
export const restoreOrganization: CommandRun = (ctx, ...args) => restoreEntity(ctx, args, 'organization');
export const purgeOrganization: CommandRun = (ctx, ...args) => purgeEntity(ctx, args, 'organization');

export async function registerClientForVsCode(ctx: CommandContext): Promise<void> {
  if (!ctx.vsCodeClientHost) {
    throw new Error('Registering an OAuth client needs the VS Code host.');
  }
  await registerVsCodeClient(ctx, ctx.vsCodeClientHost);
}
