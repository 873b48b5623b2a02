// Collaborators of OAuth clients and applications: add (user or organization + rights), change rights, remove.
import type { Account } from '../auth/accounts';
import { validateId } from '../tts/ids';
import type { Collaborator, Owner } from '../tts/types';
import { ownerOf } from '../tts/types';
import { rightsOf } from '../explorer/entityNodes';
import type { EntityRef } from '../explorer/nodeTypes';
import { CommandError } from '../ui/errorText';
import { pickRights, type RightsScope } from '../ui/rightsPicker';
import { refusedOr, runWizardUntilAccepted, type Refusal, type WizardStep } from '../ui/wizard';
import type { CommandContext } from './context';
import { unknownAccountAt } from './refusals';
import { anyEntityTarget, nodeArg, noun } from './targets';
import { UserCancelledError } from '../util/cancellation';

const collection = (entity: EntityRef): 'clients' | 'applications' =>
  entity.type === 'client' ? 'clients' : 'applications';
const scopeOf = (entity: EntityRef): RightsScope => (entity.type === 'client' ? 'clientCollaborator' : 'application');
const memberText = (m: Owner): string => `${m.kind === 'user' ? 'user' : 'organization'} "${m.id}"`;

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
  const title = `Add Collaborator to ${noun(entity.type)} "${entity.id}"`;
  const draft = {
    kind: 'user' as Owner['kind'],
    id: '',
    rights: [] as string[],
    refused: undefined as Refusal | undefined,
  };
  const steps: WizardStep<typeof draft>[] = [
    {
      run: async (s, step) => {
        s.kind = await ctx.ui.pick<Owner['kind']>({
          title,
          step,
          placeholder: 'A user or an organization?',
          items: [
            { label: 'User', value: 'user', icon: 'account' },
            { label: 'Organization', value: 'organization', icon: 'organization' },
          ],
        });
      },
    },
    {
      run: async (s, step) => {
        s.id = (
          await ctx.ui.input({
            title,
            step,
            value: s.id,
            prompt: s.kind === 'user' ? 'User ID' : 'Organization ID',
            validate: refusedOr(s.refused, (v) => {
              const p = validateId(v.trim(), s.kind, 'refer');
              return p ? { severity: 'error', message: p } : undefined;
            }),
          })
        ).trim();
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
      const adding: Owner = { kind: d.kind, id: d.id };
      await ctx.ui.withProgress(`Adding ${memberText(adding)}…`, (signal) =>
        account.api.collaborators.set(collection(entity), entity.id, adding, rightsOf(d.rights), signal),
      );
      return adding;
    },
    unknownAccountAt(1),
  );
  await refreshCollaborators(ctx, account, entity);
  void ctx.ui.info(`Added ${memberText(member)} as a collaborator of "${entity.id}".`);
}

async function collaboratorTarget(
  ctx: CommandContext,
  args: readonly unknown[],
  verb: string,
): Promise<{ account: Account; entity: EntityRef; member: Owner; rights: string[] }> {
  const node = nodeArg(args, 'collaborator');
  const { account, entity } = await anyEntityTarget(ctx, args, `${verb} a Collaborator`);
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
