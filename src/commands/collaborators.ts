// Collaborators of OAuth clients and applications, members of organizations: add (found by searching accounts as
// you type, or by a typed ID; organizations take users only) with rights, change rights, remove. Each checks first
// that the account may manage them.
import type { Account } from '../auth/accounts';
import { validateId } from '../tts/ids';
import type { Collaborator, Owner } from '../tts/types';
import { ownerOf } from '../tts/types';
import { rightsOf } from '../explorer/entityNodes';
import type { EntityRef } from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import { pickRights, type RightsScope } from '../ui/rightsPicker';
import type { StepInfo } from '../ui/ui';
import { runWizardUntilAccepted, type Refusal, type WizardStep } from '../ui/wizard';
import type { CollaboratorEntity } from '../tts/collaborators';
import type { Right } from '../tts/rights';
import { requireRights } from './rightsCheck';
import type { CommandContext } from './context';
import { unknownAccountAt } from './refusals';
import { anyEntityTarget, nodeArg, noun } from './targets';
import { UserCancelledError } from '../util/cancellation';

const collection = (entity: EntityRef): CollaboratorEntity => `${entity.type}s`;
const SCOPES: Record<EntityRef['type'], RightsScope> = {
  client: 'clientCollaborator',
  application: 'application',
  organization: 'organization',
};
const scopeOf = (entity: EntityRef): RightsScope => SCOPES[entity.type];
const MANAGE: Record<EntityRef['type'], Right> = {
  client: 'RIGHT_CLIENT_SETTINGS_COLLABORATORS',
  application: 'RIGHT_APPLICATION_SETTINGS_COLLABORATORS',
  organization: 'RIGHT_ORGANIZATION_SETTINGS_MEMBERS',
};
const memberText = (m: Owner): string => `${m.kind === 'user' ? 'user' : 'organization'} "${m.id}"`;

/** Checks that the account may manage the entity's collaborators. */
const mayManage = (account: Account, entity: EntityRef): Promise<void> =>
  requireRights(
    account,
    entity,
    [MANAGE[entity.type]],
    `manage the ${entity.type === 'organization' ? 'members' : 'collaborators'} of ${noun(entity.type)} "${entity.id}"`,
  );

/**
 * Who to add: accounts whose ID contains the typed text (`/search/accounts`, from 2 characters), each marked user or
 * organization, or the typed ID itself (then, unless only users may be added, which kind it is).
 */
async function pickMember(
  ctx: CommandContext,
  account: Account,
  title: string,
  step: StepInfo,
  usersOnly: boolean,
  previous: { id: string; refused?: Refusal },
): Promise<Owner> {
  const refused = previous.refused;
  const result = await ctx.ui.searchPick<Owner>({
    title,
    step,
    value: previous.id,
    placeholder: usersOnly
      ? 'Type part of a user ID to search, or the whole ID and Enter'
      : 'Type part of a user or organization ID to search, or the whole ID and Enter',
    acceptText: true,
    textItem: { icon: 'account', description: 'use this ID' },
    validateText: (text) => (text === refused?.value ? refused.message : validateId(text, 'user', 'refer')),
    search: async (text, signal) => {
      const query = text.trim();
      if (query.length < 2) {
        return [];
      }
      const found = await account.api.users.searchAccounts(query, { onlyUsers: usersOnly, signal });
      return found.map((o) => ({
        label: o.id,
        description: o.kind === 'user' ? 'user' : 'organization',
        value: o,
        icon: o.kind === 'user' ? 'account' : 'organization',
      }));
    },
  });
  if (result.kind === 'item') {
    return result.value;
  }
  const value = result.text.trim();
  if (!value || validateId(value, 'user', 'refer')) {
    return pickMember(ctx, account, title, step, usersOnly, { id: value, refused }); // the box refuses these itself
  }
  if (usersOnly) {
    return { kind: 'user', id: value };
  }
  const kind = await ctx.ui.pick<Owner['kind']>({
    title,
    step,
    placeholder: `Is "${value}" a user or an organization?`,
    items: [
      { label: 'User', value: 'user', icon: 'account' },
      { label: 'Organization', value: 'organization', icon: 'organization' },
    ],
  });
  return { kind, id: value };
}

async function refreshCollaborators(ctx: CommandContext, account: Account, entity: EntityRef): Promise<void> {
  await ctx.model.refreshWhere(
    (n) =>
      n.kind === 'collaborators' &&
      n.deploymentKey === account.deployment.key &&
      n.entity.type === entity.type &&
      n.entity.id === entity.id,
  );
}

export async function addCollaborator(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, entity } = await anyEntityTarget(ctx, args, 'Add a Collaborator');
  await mayManage(account, entity);
  const usersOnly = entity.type === 'organization';
  const title = `Add ${usersOnly ? 'Member' : 'Collaborator'} to ${noun(entity.type)} "${entity.id}"`;
  const draft = {
    member: undefined as Owner | undefined,
    id: '',
    rights: [] as string[],
    refused: undefined as Refusal | undefined,
  };
  const steps: WizardStep<typeof draft>[] = [
    {
      run: async (s, step) => {
        s.member = await pickMember(ctx, account, title, step, usersOnly, s);
        s.id = s.member.id;
      },
    },
    {
      run: async (s, step) => {
        s.rights = await pickRights(ctx.ui, {
          title,
          scope: scopeOf(entity),
          step,
          current: s.rights.length ? s.rights : undefined,
        });
      },
    },
  ];
  const member = await runWizardUntilAccepted(
    steps,
    draft,
    async (d) => {
      const adding = d.member!;
      await ctx.ui.withProgress(`Adding ${memberText(adding)}…`, (signal) =>
        account.api.collaborators.set(collection(entity), entity.id, adding, rightsOf(d.rights), signal),
      );
      return adding;
    },
    unknownAccountAt(0),
  );
  await refreshCollaborators(ctx, account, entity);
  void ctx.ui.info(`Added ${memberText(member)} as a ${usersOnly ? 'member' : 'collaborator'} of "${entity.id}".`);
}

async function collaboratorTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  verb: string,
): Promise<{ account: Account; entity: EntityRef; member: Owner; rights: string[] }> {
  const node = nodeArg(args, 'collaborator');
  const { account, entity } = await anyEntityTarget(ctx, args, `${verb} a Collaborator`);
  await mayManage(account, entity);
  if (node) {
    return { account, entity, member: node.member, rights: node.collaborator.rights ?? [] };
  }
  const page = await ctx.ui.withProgress(`Listing collaborators of "${entity.id}"…`, (signal) =>
    account.api.collaborators.list(collection(entity), entity.id, { limit: 1000, signal }),
  );
  const items = page.items.flatMap((c: Collaborator) => {
    const member = ownerOf(c.ids);
    return member
      ? [
          {
            label: member.id,
            description: member.kind,
            detail: (c.rights ?? []).join(', '),
            value: { member, rights: c.rights ?? [] },
            icon: member.kind === 'user' ? 'account' : 'organization',
          },
        ]
      : [];
  });
  if (items.length === 0) {
    throw new CommandError(`${noun(entity.type)} "${entity.id}" has no collaborators you can see.`);
  }
  const picked = await ctx.ui.pick({
    title: `${verb} a Collaborator of "${entity.id}"`,
    placeholder: 'Which collaborator?',
    items,
  });
  return { account, entity, member: picked.member, rights: picked.rights };
}

export async function editCollaborator(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, entity, member, rights } = await collaboratorTarget(ctx, args, 'Change');
  const next = await pickRights(ctx.ui, {
    title: `Rights of ${memberText(member)} on "${entity.id}"`,
    scope: scopeOf(entity),
    current: rights,
  });
  await ctx.ui.withProgress(`Changing the rights of ${memberText(member)}…`, (signal) =>
    account.api.collaborators.set(collection(entity), entity.id, member, next, signal),
  );
  await refreshCollaborators(ctx, account, entity);
  void ctx.ui.info(`Changed the rights of ${memberText(member)} on "${entity.id}".`);
}

export async function removeCollaborator(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, entity, member } = await collaboratorTarget(ctx, args, 'Remove');
  const self = member.kind === 'user' && member.id === account.session.accountId;
  const ok = await ctx.ui.confirm({
    message: `Remove ${memberText(member)} from ${noun(entity.type)} "${entity.id}"?`,
    detail: self
      ? 'This is you: you lose your access to it (unless you have it through an organization). Only another collaborator can add you back.'
      : 'They lose their access to it at once. You can add them again later.',
    confirm: 'Remove',
  });
  if (!ok) {
    throw new UserCancelledError();
  }
  await ctx.ui.withProgress(`Removing ${memberText(member)}…`, (signal) =>
    account.api.collaborators.remove(collection(entity), entity.id, member, signal),
  );
  await refreshCollaborators(ctx, account, entity);
  void ctx.ui.info(`Removed ${memberText(member)} from "${entity.id}".`);
}
