// "Register an OAuth Client for VS Code": creates the user's own OAuth client for this extension on a deployment
// where they are signed in (any method) — the redirect URIs the sign-in flows use, the authorization_code and
// refresh_token grants, and exactly the rights of src/tts/extensionRights.ts — keeps its secret in SecretStorage and
// its ID in the deployment, explains approval, lets an admin approve at once, then offers to sign in with it.
// vscode-free: the host supplies the callback URI, the settings write and the sign-in.
import type { Account, Accounts } from '../auth/accounts';
import { registrableRedirectUri } from '../auth/redirectMatch';
import { ownersOf, userIdOf, type OwnerEntry } from '../explorer/owners';
import { consoleLink } from '../tts/deployments';
import { readable, TtsError } from '../tts/errors';
import { validateRedirectUri } from '../tts/ids';
import { EXTENSION_RIGHTS } from '../tts/extensionRights';
import type { Right } from '../tts/rights';
import type { Client, ClientState, GrantType, Owner } from '../tts/types';
import { checkClientId, checkClientName, checkDescription } from '../ui/clientGuidelines';
import { CommandError } from '../ui/errorText';
import type { Ui } from '../ui/ui';
import { refusedOr, type Refusal } from '../ui/wizard';
import type { CommandLog } from './context';
import { pickOwner } from './owner';

export interface VsCodeClientHost {
  /** `asExternalUri(<uriScheme>://lpwan-tools.things-stack-manager/auth/callback)`. */
  callbackUri(): Promise<string>;
  /** Writes the client ID into the deployment's entry of `thingsStack.deployments`. */
  saveClientId(deploymentKey: string, clientId: string): Promise<void>;
  signIn(deploymentKey: string): Promise<void>;
  /** The explorer shows the new client. */
  refresh?(deploymentKey: string): void;
}

export interface RegisterContext {
  ui: Ui;
  accounts: Accounts;
  log: CommandLog;
  redact?(secret: string): void;
}

/** Loopback (any port matches a 127.0.0.1 URI without one, §1.4) and paste-the-code, besides the URI handler. */
export const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/callback';
export const CODE_REDIRECT_URI = 'code';
export const VSCODE_CLIENT_GRANTS: readonly GrantType[] = ['GRANT_AUTHORIZATION_CODE', 'GRANT_REFRESH_TOKEN'];
export const VSCODE_CLIENT_DESCRIPTION =
  'Things Stack Manager for VS Code: lets you browse and manage the applications, end devices, API keys, collaborators ' +
  'and OAuth clients of your account and your organizations from the editor, create and edit them, and watch live application traffic (uplink data). It signs ' +
  'in through the browser and keeps access with a refresh token, so you do not sign in every hour.';

/** The rights a missing-right error names, by owner kind. */
const CREATE_RIGHT: Record<Owner['kind'], Right> = {
  user: 'RIGHT_USER_CLIENTS_CREATE',
  organization: 'RIGHT_ORGANIZATION_CLIENTS_CREATE',
};

export function suggestedClientId(ownerId: string): string {
  return `${ownerId}-vscode-manager`.slice(0, 36).replace(/-+$/, '');
}

export function suggestedClientName(ownerLabel: string): string {
  return `VS Code Manager (${ownerLabel})`.slice(0, 50);
}

export { registrableRedirectUri };

/** This host's callback as TTS accepts it (without the per-request query), loopback and paste-the-code. */
export async function redirectUris(host: VsCodeClientHost): Promise<string[]> {
  return [...new Set([registrableRedirectUri(await host.callbackUri()), LOOPBACK_REDIRECT_URI, CODE_REDIRECT_URI])];
}

/** The index of the redirect URI a TTS validation error names (`redirect_uris[2]`), in the error or its causes. */
export function refusedRedirectIndex(error: TtsError): number | undefined {
  const fields: unknown[] = [error.attributes.field];
  for (let cause = error.ttsCause; cause; cause = cause.cause) {
    fields.push(cause.attributes?.field);
  }
  for (const field of fields) {
    const match = typeof field === 'string' ? /^redirect_uris(?:\[(\d+)\])?$/.exec(field) : null;
    if (match) {
      return match[1] === undefined ? -1 : Number(match[1]);
    }
  }
  return undefined;
}

/** When TTS refused one of `uris` (a validation error on `redirect_uris`), what to tell the user, naming the value. */
export function redirectRefusal(error: TtsError, uris: readonly string[]): string | undefined {
  const index = refusedRedirectIndex(error);
  if (index === undefined) {
    return undefined;
  }
  const which =
    index >= 0 && uris[index] !== undefined
      ? `the redirect URI "${uris[index]}"`
      : `the redirect URIs ${uris.map((u) => `"${u}"`).join(', ')}`;
  return `The Things Stack refused ${which}: ${innermostReason(error)}.${error.correlationId ? ` (correlation id ${error.correlationId})` : ''}`;
}

/** The innermost reason of a TTS error (its cause chain ends in the actual rule, e.g. "value length must be at most 128 runes"). */
function innermostReason(error: TtsError): string {
  let reason = typeof error.attributes.reason === 'string' ? error.attributes.reason : error.message;
  for (let cause = error.ttsCause; cause; cause = cause.cause) {
    if (typeof cause.attributes?.reason === 'string') {
      reason = cause.attributes.reason;
    }
  }
  return readable(reason);
}

async function pickAccount(ctx: RegisterContext, title: string): Promise<Account> {
  const signedIn = ctx.accounts
    .deployments()
    .map((d) => ctx.accounts.account(d.key))
    .filter((a): a is Account => a !== undefined);
  if (signedIn.length === 0) {
    throw new CommandError(
      'Sign in to a deployment first (an API key, the command-line client or your account all work).',
    );
  }
  if (signedIn.length === 1) {
    return signedIn[0];
  }
  return ctx.ui.pick({
    title,
    placeholder: 'On which deployment?',
    items: signedIn.map((a) => ({
      label: a.deployment.name,
      description: a.session.accountLabel,
      value: a,
      icon: 'server',
    })),
  });
}

async function ownerOf(ctx: RegisterContext, account: Account, title: string): Promise<OwnerEntry> {
  const { owners } = await ctx.ui.withProgress('Listing your organizations…', (signal) => ownersOf(account, signal));
  if (owners.length === 0 || !userIdOf(account)) {
    throw new CommandError(
      `${account.session.accountLabel} is not a user: sign in as a user (or with a user's API key) to register an OAuth client.`,
    );
  }
  if (owners.length === 1) {
    return owners[0];
  }
  return pickOwner(ctx.ui, owners, title, 'client');
}

export async function registerVsCodeClient(ctx: RegisterContext, host: VsCodeClientHost): Promise<void> {
  const title = 'Register an OAuth Client for VS Code';
  const account = await pickAccount(ctx, title);
  const isAdmin = account.session.isAdmin === true;
  const owner = await ownerOf(ctx, account, title);
  const uris = await redirectUris(host);
  for (const uri of uris) {
    const problem = validateRedirectUri(uri);
    if (problem) {
      throw new CommandError(
        `This host's sign-in callback "${uri}" cannot be registered with The Things Stack: ${problem}`,
      );
    }
  }
  let refused: Refusal | undefined;
  let id = suggestedClientId(owner.owner.id);
  const name = (
    await ctx.ui.input({
      title,
      value: suggestedClientName(owner.label),
      prompt: 'Name shown when you authorize the client',
      validate: checkClientName,
    })
  ).trim();
  const description = (
    await ctx.ui.input({
      title,
      value: VSCODE_CLIENT_DESCRIPTION,
      prompt: 'Description: what the client does and why it needs its rights',
      validate: checkDescription,
    })
  ).trim();
  let created: Client;
  for (;;) {
    const current = refused;
    id = (
      await ctx.ui.input({
        title,
        value: id,
        prompt: 'Client ID (your name or brand and the purpose; cannot be changed later)',
        validate: refusedOr(current, (v) => checkClientId(v.trim())),
      })
    ).trim();
    const client: Client = {
      ids: { client_id: id },
      name,
      description,
      redirect_uris: uris,
      grants: [...VSCODE_CLIENT_GRANTS],
      rights: [...EXTENSION_RIGHTS],
    };
    try {
      created = await ctx.ui.withProgress(`Creating OAuth client "${id}"…`, (signal) =>
        account.api.clients.create(owner.owner, client, signal),
      );
      break;
    } catch (error) {
      if (error instanceof TtsError && (error.errorName === 'id_taken' || error.errorName === 'forbidden_id')) {
        refused = { value: id, message: `${error.userMessage}. Choose another client ID.` };
        continue;
      }
      const refusal = error instanceof TtsError ? redirectRefusal(error, uris) : undefined;
      if (refusal) {
        throw new CommandError(refusal);
      }
      if (
        error instanceof TtsError &&
        (error.status === 403 || error.errorName === 'no_user_rights' || error.errorName === 'no_organization_rights')
      ) {
        throw new CommandError(
          `${account.session.accountLabel} may not create OAuth clients for ${owner.isSelf ? 'themselves' : `organization ${owner.owner.id}`}: ` +
            `that needs the right ${CREATE_RIGHT[owner.owner.kind]} (${error.userMessage}). Sign in with a session or API key that has it.`,
        );
      }
      throw error;
    }
  }
  ctx.log.info(`Registered OAuth client ${id} for VS Code on ${account.deployment.name}.`);
  if (created.secret) {
    ctx.redact?.(created.secret);
    await ctx.accounts.storeClientSecret(account.deployment.key, id, created.secret);
  }
  await host.saveClientId(account.deployment.key, id);
  host.refresh?.(account.deployment.key);
  let state: ClientState = created.state ?? 'STATE_REQUESTED';
  const stored = `Its secret is in VS Code's secret storage and its ID in the "${account.deployment.name}" deployment settings.`;
  if (state === 'STATE_REQUESTED' && isAdmin) {
    const approve = 'Approve Now';
    const choice = await ctx.ui.info(
      `Registered OAuth client "${id}". ${stored} It is awaiting approval; as an administrator you can approve it now.`,
      approve,
    );
    if (choice === approve) {
      await ctx.ui.withProgress(`Approving OAuth client "${id}"…`, (signal) =>
        account.api.clients.update(
          id,
          { state: 'STATE_APPROVED', state_description: 'Approved when registered from VS Code.' },
          ['state', 'state_description'],
          signal,
        ),
      );
      state = 'STATE_APPROVED';
    }
  } else if (state === 'STATE_REQUESTED') {
    const open = 'Open in Console';
    const choice = await ctx.ui.info(
      `Registered OAuth client "${id}". ${stored} It is awaiting approval: an administrator of ${account.deployment.name} must ` +
        'approve it before it can be used to sign in. Until then keep signing in as you do now; the Console shows its state.',
      open,
    );
    if (choice === open) {
      await ctx.ui.openExternal(consoleLink(account.deployment, { kind: 'client', id }));
    }
    return;
  }
  if (state === 'STATE_APPROVED' || state === 'STATE_FLAGGED') {
    const signIn = 'Sign In with It';
    const choice = await ctx.ui.info(`OAuth client "${id}" is approved. Sign in with it now?`, signIn);
    if (choice === signIn) {
      await host.signIn(account.deployment.key);
    }
  }
}
