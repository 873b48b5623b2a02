// Editing an OAuth client: any field (admin-only fields only for admins), and the inline add / remove of one
// redirect or logout redirect URI.
import type { Account } from '../auth/accounts';
import { CLIENT_DETAIL_FIELDS } from '../tts/clients';
import type { Client, ClientState } from '../tts/types';
import { NotStoredError } from '../tts/updateCheck';
import { STATE_LABELS, rightsOf, stateLabel } from '../explorer/entityNodes';
import type { ClientProperty, UriField } from '../explorer/nodeTypes';
import { checkRedirectUri } from '../ui/clientGuidelines';
import { CommandError } from '../ui/errorText';
import type { PickItem } from '../ui/ui';
import { URI_LABELS, askClientRights, askDescription, askGrants, askName, askUris } from './clientPrompts';
import type { CommandContext } from './context';
import { entityTarget, nodeArg } from './targets';

type Field = Exclude<ClientProperty, 'id'> | UriField | 'rights';

const FIELD_LABELS: Record<Field, string> = {
  name: 'Name',
  description: 'Description',
  redirect_uris: 'Redirect URIs',
  logout_redirect_uris: 'Logout Redirect URIs',
  rights: 'Rights',
  grants: 'Grants',
  state: 'State',
  skip_authorization: 'Skip Authorization',
  endorsed: 'Endorsed',
};
const ADMIN_FIELDS: readonly Field[] = ['grants', 'state', 'skip_authorization', 'endorsed'];

/** Sends the change, then the lists that show the client load again. */
export async function updateClient(
  ctx: CommandContext,
  account: Account,
  clientId: string,
  changes: Client,
  paths: string[],
): Promise<void> {
  let notStored: NotStoredError | undefined;
  try {
    await ctx.ui.withProgress(`Updating OAuth client "${clientId}"…`, (signal) =>
      account.api.clients.update(clientId, changes, paths, signal),
    );
  } catch (error) {
    if (!(error instanceof NotStoredError)) {
      throw error;
    }
    notStored = error; // the rest did take: show it, then say what did not
  }
  await ctx.model.entityChanged(account.deployment.key, { type: 'client', id: clientId });
  if (notStored) {
    throw notStored;
  }
}

function loadClient(ctx: CommandContext, account: Account, clientId: string): Promise<Client> {
  return ctx.ui.withProgress(`Loading OAuth client "${clientId}"…`, (signal) =>
    account.api.clients.get(clientId, CLIENT_DETAIL_FIELDS, signal),
  );
}

function fieldFromNode(args: readonly unknown[]): Field | undefined {
  const property = nodeArg(args, 'property');
  if (property && property.property in FIELD_LABELS) {
    return property.property as Field;
  }
  return nodeArg(args, 'uriList')?.field ?? (nodeArg(args, 'rights') ? 'rights' : undefined);
}

export async function editClient(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, entity } = await entityTarget(ctx, args, 'client', { title: 'Edit Which OAuth Client?' });
  const isAdmin = account.session.isAdmin === true;
  const title = `Edit OAuth Client "${entity.id}"`;
  let field = fieldFromNode(args);
  if (field && ADMIN_FIELDS.includes(field) && !isAdmin) {
    throw new CommandError(
      `Only administrators of ${account.deployment.name} can change the ${FIELD_LABELS[field].toLowerCase()} of a client.`,
    );
  }
  const client = await loadClient(ctx, account, entity.id);
  if (!field) {
    const fields = (Object.keys(FIELD_LABELS) as Field[]).filter((f) => isAdmin || !ADMIN_FIELDS.includes(f));
    field = await ctx.ui.pick<Field>({
      title,
      placeholder: isAdmin ? 'Which field?' : 'Which field? (grants and state can only be changed by administrators)',
      items: fields.map((f): PickItem<Field> => ({
        label: FIELD_LABELS[f],
        description: ADMIN_FIELDS.includes(f) ? 'administrators only' : undefined,
        value: f,
      })),
    });
  }
  const { changes, paths, note } = await askField(ctx, title, field, client);
  await updateClient(ctx, account, entity.id, changes, paths);
  void ctx.ui.info(
    `Updated the ${FIELD_LABELS[field].toLowerCase()} of OAuth client "${entity.id}".${note ? ` ${note}` : ''}`,
  );
}

async function askField(
  ctx: CommandContext,
  title: string,
  field: Field,
  client: Client,
): Promise<{ changes: Client; paths: string[]; note?: string }> {
  const ui = ctx.ui;
  switch (field) {
    case 'name':
      return { changes: { name: await askName(ui, title, client.name ?? '') }, paths: ['name'] };
    case 'description':
      return {
        changes: { description: await askDescription(ui, title, client.description ?? '') },
        paths: ['description'],
      };
    case 'redirect_uris':
    case 'logout_redirect_uris':
      return { changes: { [field]: await askUris(ui, title, field, client[field] ?? []) }, paths: [field] };
    case 'rights': {
      const rights = await askClientRights(ui, title, client.description ?? '', rightsOf(client.rights));
      return {
        changes: { rights },
        paths: ['rights'],
        note: 'Users must authorize the client again before new rights apply.',
      };
    }
    case 'grants':
      return { changes: { grants: await askGrants(ui, title, client.grants ?? []) }, paths: ['grants'] };
    case 'state': {
      const state = await ui.pick<ClientState>({
        title,
        placeholder: `Now: ${stateLabel(client.state)}`,
        items: (Object.keys(STATE_LABELS) as ClientState[]).map((s) => ({
          label: STATE_LABELS[s],
          description: s,
          value: s,
          picked: s === client.state,
        })),
      });
      const stateDescription = await ui.input({
        title,
        prompt: 'State description shown to the owner (optional)',
        value: client.state_description ?? '',
        validate: (v) =>
          v.length > 128 ? { severity: 'error', message: `At most 128 characters (it has ${v.length}).` } : undefined,
      });
      return { changes: { state, state_description: stateDescription.trim() }, paths: ['state', 'state_description'] };
    }
    case 'skip_authorization':
    case 'endorsed': {
      const value = await ui.pick<boolean>({
        title,
        placeholder: `${FIELD_LABELS[field]}: now ${client[field] ? 'yes' : 'no'}`,
        items: [
          { label: 'Yes', value: true },
          { label: 'No', value: false },
        ],
      });
      return { changes: { [field]: value }, paths: [field] };
    }
  }
}

async function uriFieldOf(ctx: CommandContext, args: readonly unknown[], title: string): Promise<UriField> {
  const field = nodeArg(args, 'uriList', 'uri')?.field;
  if (field) {
    return field;
  }
  return ctx.ui.pick<UriField>({
    title,
    placeholder: 'Which list?',
    items: [
      { label: URI_LABELS.redirect_uris, value: 'redirect_uris' },
      { label: URI_LABELS.logout_redirect_uris, value: 'logout_redirect_uris' },
    ],
  });
}

export async function addRedirectUri(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, entity } = await entityTarget(ctx, args, 'client', {
    title: 'Add a Redirect URI to Which OAuth Client?',
  });
  const title = `Add to OAuth Client "${entity.id}"`;
  const field = await uriFieldOf(ctx, args, title);
  const current = (await loadClient(ctx, account, entity.id))[field] ?? [];
  const uri = (
    await ctx.ui.input({
      title,
      prompt: `A URI to add to the ${URI_LABELS[field].toLowerCase()}, e.g. https://app.example.com/oauth/callback`,
      validate: (v) => checkRedirectUri(v, current),
    })
  ).trim();
  await updateClient(ctx, account, entity.id, { [field]: [...current, uri] }, [field]);
  void ctx.ui.info(`Added ${uri} to the ${URI_LABELS[field].toLowerCase()} of "${entity.id}".`);
}

export async function removeRedirectUri(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, entity } = await entityTarget(ctx, args, 'client', {
    title: 'Remove a Redirect URI from Which OAuth Client?',
  });
  const title = `Remove from OAuth Client "${entity.id}"`;
  const field = await uriFieldOf(ctx, args, title);
  const current = (await loadClient(ctx, account, entity.id))[field] ?? [];
  if (current.length === 0) {
    throw new CommandError(`OAuth client "${entity.id}" has no ${URI_LABELS[field].toLowerCase()}.`);
  }
  const uri =
    nodeArg(args, 'uri')?.uri ??
    (await ctx.ui.pick<string>({
      title,
      placeholder: 'Which URI?',
      items: current.map((u) => ({ label: u, value: u, icon: 'link' })),
    }));
  if (!current.includes(uri)) {
    throw new CommandError(`"${uri}" is no longer registered for "${entity.id}"; refresh the explorer.`);
  }
  if (field === 'redirect_uris' && current.length === 1) {
    throw new CommandError(
      `"${uri}" is the only redirect URI of "${entity.id}", and a client needs at least one. Add another first.`,
    );
  }
  const ok = await ctx.ui.confirm({
    message: `Remove ${uri} from "${entity.id}"?`,
    detail:
      field === 'redirect_uris'
        ? 'Sign-ins that send this redirect URI will fail from now on. You can add it again later.'
        : 'Sign-outs that redirect there will no longer return to it. You can add it again later.',
    confirm: 'Remove',
  });
  if (!ok) {
    return;
  }
  await updateClient(ctx, account, entity.id, { [field]: current.filter((u) => u !== uri) }, [field]);
  void ctx.ui.info(`Removed ${uri} from the ${URI_LABELS[field].toLowerCase()} of "${entity.id}".`);
}
