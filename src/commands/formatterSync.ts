// Formatters kept in git (vscode-free): "Pull to Workspace" writes a deployed JavaScript formatter to
// `ttn/<app>/[devices/<dev>/]uplink.js` and remembers the link (workspace state: ids and a hash, no secrets);
// "Deploy from File" writes the file's text to the linked formatter after the same never-silent check as a save, and
// reads it back (a write by someone else meanwhile is said, with Compare); "Compare with Deployed" hands the server's
// text to a diff. A pulled file has JSDoc lines typing its entry functions for the editor; they are never deployed.
import { documentText, readState } from '../formatters/deployed';
import { withEditorTypes, withoutEditorTypes } from '../formatters/editorTypes';
import { writeChecked } from '../formatters/writeCheck';
import { checkSize } from '../formatters/checks';
import { formatterLabel } from '../formatters/kinds';
import { describeLocation, linkLocation, parseWorkspacePath, type FormatterLocation } from '../formatters/location';
import { contentHash, syncState, workspacePath, type FormatterLink, type SyncState } from '../formatters/syncState';
import { CommandError } from '../ui/errorText';
import { UserCancelledError } from '../util/cancellation';
import type { CommandContext } from './context';
import { deploymentAccount } from './formatterTests';
import { accountFor } from './targets';

/** The links of this workspace, by workspace-relative path (VS Code keeps them in workspaceState). */
export interface LinkStore {
  get(path: string): FormatterLink | undefined;
  set(path: string, link: FormatterLink): Promise<void>;
}

/** The workspace's files, relative paths; a path that is or passes a symbolic link is refused (workspaceFiles.ts). */
export interface WorkspaceFiles {
  /** Throws UnsafeWorkspacePathError for a path that is, or goes through, a symbolic link. */
  check(path: string): Promise<void>;
  read(path: string): Promise<string | undefined>;
  write(path: string, text: string): Promise<void>;
}

/** The server's script, or undefined when the formatter there is not JavaScript (what syncState expects). */
async function serverScript(ctx: CommandContext, location: FormatterLocation, signal?: AbortSignal) {
  const state = await readState(deploymentAccount(ctx, location.deploymentKey).api.formatters, location, signal);
  const value = state.value;
  return { state, value, script: value.type === 'FORMATTER_JAVASCRIPT' ? documentText(value) : undefined };
}

/**
 * The link of a workspace file. Links are kept per machine, so a fresh clone has none: a file at a formatter path is
 * linked on first use to a deployment the user picks, with no known deployed state, so a deploy asks before it
 * replaces what the server has.
 */
export async function linkFor(ctx: CommandContext, path: string, links: LinkStore): Promise<FormatterLink> {
  const existing = links.get(path);
  if (existing) {
    return existing;
  }
  const named = parseWorkspacePath(path);
  if (!named) {
    throw new CommandError(
      `${path} is not linked to a deployed formatter: use "Pull to Workspace" first (files at ttn/<application>/[devices/<device>/]uplink.js or downlink.js link themselves).`,
    );
  }
  const account = await accountFor(ctx);
  const link: FormatterLink = {
    deployment: account.deployment.key,
    ...named,
    deployedHash: '', // unknown: not pulled or deployed from here yet
  };
  await links.set(path, link);
  ctx.log.info(`Linked ${path} to ${describeLocation(linkLocation(link))} on ${account.deployment.name}.`);
  return link;
}

export const STATE_TEXT: Record<SyncState, string> = {
  'in-sync': 'in sync with the server',
  'changed-locally': 'changed locally (not deployed)',
  'changed-on-server': 'changed on the server since it was pulled or deployed',
  'both-changed': 'changed locally and on the server',
};

/** Pulls a deployed formatter into the workspace; returns the file's path. */
export async function pullFormatter(
  ctx: CommandContext,
  location: FormatterLocation,
  files: WorkspaceFiles,
  links: LinkStore,
): Promise<string> {
  const { value, script } = await ctx.ui.withProgress('Reading the formatter…', (signal) =>
    serverScript(ctx, location, signal),
  );
  if (script === undefined) {
    throw new CommandError(
      `${describeLocation(location)} is ${formatterLabel(value.type)}: only a JavaScript formatter is a file. Change its type to JavaScript first.`,
    );
  }
  const path = workspacePath(location.applicationId, location.direction, location.deviceId);
  const existing = await files.read(path);
  const link = links.get(path);
  const unsaved = existing !== undefined && contentHash(existing) !== contentHash(script);
  if (unsaved && (!link || contentHash(existing) !== link.deployedHash)) {
    const ok = await ctx.ui.confirm({
      message: `Replace ${path} with the deployed formatter?`,
      detail: `The file has changes that are not on the server; pulling replaces them with ${describeLocation(location)} as deployed (undo in the editor or git can bring them back).`,
      confirm: 'Replace',
    });
    if (!ok) {
      throw new UserCancelledError();
    }
  }
  // The file gets JSDoc lines that type the entry functions for the editor; the script itself is unchanged.
  await files.write(path, withEditorTypes(script));
  await links.set(path, {
    deployment: location.deploymentKey,
    applicationId: location.applicationId,
    deviceId: location.deviceId,
    direction: location.direction,
    deployedHash: contentHash(script),
  });
  ctx.log.info(`Pulled ${describeLocation(location)} to ${path}.`);
  return path;
}

export type DeployResult =
  | { outcome: 'deployed' | 'in-sync' }
  /** The user asked to see the server's version beside the file. */
  | { outcome: 'compare'; server: string }
  /** The user took the server's version: the file now has it. */
  | { outcome: 'pulled' };

/** Deploys a linked file's text; a change on the server since the last pull or deploy is never overwritten silently. */
export async function deployFormatter(
  ctx: CommandContext,
  path: string,
  text: string,
  files: WorkspaceFiles,
  links: LinkStore,
): Promise<DeployResult> {
  await files.check(path); // the text must be the workspace's own file, not one a link leads to
  const size = checkSize(text);
  if (size.problem) {
    throw new CommandError(`Not deployed: ${size.problem}`);
  }
  const link = await linkFor(ctx, path, links);
  const location = linkLocation(link);
  const { state: before, script } = await ctx.ui.withProgress('Checking the deployed formatter…', (signal) =>
    serverScript(ctx, location, signal),
  );
  const state = syncState(link, text, script);
  if (state === 'in-sync') {
    await links.set(path, { ...link, deployedHash: contentHash(text) });
    void ctx.ui.info(`${path} is already deployed.`);
    return { outcome: 'in-sync' };
  }
  if (state !== 'changed-locally') {
    const choice = await ctx.ui.warn(
      `${describeLocation(location)} ${STATE_TEXT[state]}: deploying ${path} would replace the server's version.`,
      'Compare',
      'Overwrite',
      'Pull',
    );
    if (choice === 'Compare') {
      return { outcome: 'compare', server: script ?? '' };
    }
    if (choice === 'Pull') {
      if (script === undefined) {
        throw new CommandError(`${describeLocation(location)} is no longer a JavaScript formatter: nothing to pull.`);
      }
      await files.write(path, withEditorTypes(script));
      await links.set(path, { ...link, deployedHash: contentHash(script) });
      return { outcome: 'pulled' };
    }
    if (choice !== 'Overwrite') {
      throw new UserCancelledError();
    }
  }
  const api = deploymentAccount(ctx, location.deploymentKey).api.formatters;
  const { stored, concurrent } = await ctx.ui.withProgress(`Deploying ${path}…`, () =>
    writeChecked(api, location, before, { type: 'FORMATTER_JAVASCRIPT', parameter: withoutEditorTypes(text) }),
  );
  // The link remembers what was deployed from here: after a concurrent change the status says "changed on server".
  await links.set(path, { ...link, deployedHash: contentHash(documentText(stored)) });
  await ctx.model.formattersChanged(location.deploymentKey, location.applicationId, location.deviceId);
  ctx.log.info(`Deployed ${path} to ${describeLocation(location)}.`);
  if (concurrent) {
    ctx.log.warn(concurrent.message);
    if ((await ctx.ui.warn(concurrent.message, 'Compare')) === 'Compare') {
      return { outcome: 'compare', server: documentText(concurrent.server) };
    }
    return { outcome: 'deployed' };
  }
  void ctx.ui.info(`Deployed ${path} to ${describeLocation(location)}.`);
  return { outcome: 'deployed' };
}

/** The server's text of a linked file's formatter, for "Compare with Deployed" (empty when it is not JavaScript). */
export async function deployedText(ctx: CommandContext, path: string, links: LinkStore): Promise<string> {
  const link = await linkFor(ctx, path, links);
  const { script } = await ctx.ui.withProgress('Reading the deployed formatter…', (signal) =>
    serverScript(ctx, linkLocation(link), signal),
  );
  return script ?? '';
}
