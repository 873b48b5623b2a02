// OAuth client commands: create (multi-step, guidelines checked as you type), approve / reject (admins), copy the
// stored secret. Editing lives in clientEdit.ts, delete / restore / purge in lifecycle.ts.
import type { Account } from '../auth/accounts';
import { consoleLink } from '../tts/deployments';
import type { Right } from '../tts/rights';
import type { Client, ClientState, GrantType } from '../tts/types';
import { isNode } from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import { runWizardUntilAccepted, type Refusal, type WizardStep } from '../ui/wizard';
import { askClientId, askClientRights, askDescription, askGrants, askName, askUris } from './clientPrompts';
import type { CommandContext } from './context';
import { takenIdAt } from './refusals';
import { ownerChoice, ownerStep, type OwnerChoice } from './owner';
import { accountFor, adminAccount, entityTarget } from './targets';
import { updateClient } from './clientEdit';

interface ClientDraft extends OwnerChoice {
  id: string;
  name: string;
  description: string;
  redirectUris: string[];
  logoutRedirectUris: string[];
  grants: GrantType[];
  rights: Right[];
  /** The ID the server refused, and why: shown on the ID step. */
  refused?: Refusal;
}

const ID_STEP = 1;

function createSteps(ctx: CommandContext, title: string): WizardStep<ClientDraft>[] {
  const ui = ctx.ui;
  return [
    ownerStep(ui, title, 'client'),
    {
      run: async (s, step) => {
        s.id = await askClientId(ui, title, s.id, step, s.refused);
      },
    },
    {
      run: async (s, step) => {
        s.name = await askName(ui, title, s.name || s.id, step);
      },
    },
    {
      run: async (s, step) => {
        s.description = await askDescription(ui, title, s.description, step);
      },
    },
    {
      run: async (s, step) => {
        s.redirectUris = await askUris(ui, title, 'redirect_uris', s.redirectUris, step);
      },
    },
    {
      run: async (s, step) => {
        s.logoutRedirectUris = await askUris(ui, title, 'logout_redirect_uris', s.logoutRedirectUris, step);
      },
    },
    {
      run: async (s, step) => {
        s.grants = await askGrants(ui, title, s.grants, step);
      },
    },
    {
      run: async (s, step) => {
        s.rights = await askClientRights(ui, title, s.description, s.rights.length ? s.rights : undefined, step);
      },
    },
  ];
}

export async function createClient(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const node = isNode(args[0]) ? args[0] : undefined;
  const account = await accountFor(ctx, node);
  const isAdmin = account.session.isAdmin === true;
  const title = `Create OAuth Client on ${account.deployment.name}`;
  const draft: ClientDraft = {
    ...(await ownerChoice(ctx, account, args, 'sign in as a user to create OAuth clients.')),
    id: '',
    name: '',
    description: '',
    redirectUris: [],
    logoutRedirectUris: [],
    grants: ['GRANT_AUTHORIZATION_CODE'],
    rights: [],
  };
  const steps = createSteps(ctx, title);
  const created = await runWizardUntilAccepted(
    steps,
    draft,
    (d) => {
      const client: Client = {
        ids: { client_id: d.id },
        name: d.name,
        description: d.description,
        redirect_uris: d.redirectUris,
        logout_redirect_uris: d.logoutRedirectUris,
        grants: d.grants,
        rights: d.rights,
        // Admins' clients are usable at once (as with the CLI); non-admins' wait for approval whatever is sent.
        ...(isAdmin ? { state: 'STATE_APPROVED' as ClientState } : {}),
      };
      return ctx.ui.withProgress(`Creating OAuth client "${d.id}"…`, (signal) =>
        account.api.clients.create(d.owner!, client, signal),
      );
    },
    takenIdAt(ID_STEP),
  );
  ctx.log.info(`Created OAuth client ${draft.id} on ${account.deployment.name}.`);
  await ctx.model.refreshSection(account.deployment.key, 'clients');
  await revealSecret(ctx, account, draft.id, created.secret);
  await announceState(ctx, account, draft.id, created.state ?? 'STATE_REQUESTED');
}

/** The secret exists only in this response: keep it in SecretStorage and make sure the user has it. */
async function revealSecret(
  ctx: CommandContext,
  account: Account,
  clientId: string,
  secret: string | undefined,
): Promise<void> {
  if (!secret) {
    return;
  }
  ctx.redact?.(secret);
  let stored = true;
  try {
    await ctx.accounts.storeClientSecret(account.deployment.key, clientId, secret);
  } catch (error) {
    stored = false;
    ctx.log.warn(`Could not store the secret of ${clientId}: ${error instanceof Error ? error.name : 'error'}.`);
  }
  await ctx.ui.showSecret({
    title: `Secret of OAuth client "${clientId}"`,
    detail: `The Things Stack shows this secret only now and never again. ${
      stored
        ? `It is stored in VS Code's secret storage for ${account.deployment.name};`
        : "It could NOT be stored in VS Code's secret storage;"
    } copy it now if the client runs anywhere else.`,
    secret,
  });
}

async function announceState(
  ctx: CommandContext,
  account: Account,
  clientId: string,
  state: ClientState,
): Promise<void> {
  if (state !== 'STATE_REQUESTED') {
    void ctx.ui.info(`Created OAuth client "${clientId}".`);
    return;
  }
  const open = 'Open in Console';
  const choice = await ctx.ui.info(
    `OAuth client "${clientId}" was created and is awaiting approval: an administrator of ${account.deployment.name} must approve it before anyone can authorize it.`,
    open,
  );
  if (choice === open) {
    await ctx.ui.openExternal(consoleLink(account.deployment, { kind: 'client', id: clientId }));
  }
}

async function setState(ctx: CommandContext, args: unknown[], state: ClientState, verb: string): Promise<void> {
  const admin = await adminAccount(ctx, args, `${verb.toLowerCase()} OAuth clients`);
  const target = await entityTarget(ctx, args, 'client', { account: admin, title: `${verb} Which OAuth Client?` });
  const description = await ctx.ui.input({
    title: `${verb} OAuth Client "${target.entity.id}"`,
    prompt:
      state === 'STATE_REJECTED'
        ? 'Why is it rejected? The owner sees this state description.'
        : 'State description (optional), shown to the owner',
    validate: (v) =>
      v.length > 128
        ? { severity: 'error', message: `At most 128 characters (it has ${v.length}).` }
        : state === 'STATE_REJECTED' && !v.trim()
          ? { severity: 'warning', message: 'Tell the owner why, so they can fix it.' }
          : undefined,
  });
  await updateClient(ctx, target.account, target.entity.id, { state, state_description: description.trim() }, [
    'state',
    'state_description',
  ]);
  void ctx.ui.info(`${state === 'STATE_APPROVED' ? 'Approved' : 'Rejected'} OAuth client "${target.entity.id}".`);
}

export const approveClient = (ctx: CommandContext, ...args: unknown[]): Promise<void> =>
  setState(ctx, args, 'STATE_APPROVED', 'Approve');
export const rejectClient = (ctx: CommandContext, ...args: unknown[]): Promise<void> =>
  setState(ctx, args, 'STATE_REJECTED', 'Reject');

export async function copyClientSecret(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const target = await entityTarget(ctx, args, 'client', { title: 'Copy the Stored Secret of Which OAuth Client?' });
  const secret = await ctx.accounts.clientSecret(target.account.deployment.key, target.entity.id);
  if (!secret) {
    throw new CommandError(
      `No secret of "${target.entity.id}" is stored in VS Code. The Things Stack shows a secret only when the client is created.`,
    );
  }
  await ctx.ui.copy(secret);
  void ctx.ui.info(`Copied the secret of "${target.entity.id}" to the clipboard.`);
}
