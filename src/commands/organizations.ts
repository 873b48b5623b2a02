// Organization commands: create (ID, name, description; the signed-in user becomes its first member with every
// right) and edit (applications.ts: editDetails). Delete / restore / purge are in lifecycle.ts, API keys and members
// in their own files; the organization's clients and applications stay under it as their owner.
import { validateId } from '../tts/ids';
import { userIdOf } from '../explorer/owners';
import { CommandError } from '../ui/errorText';
import type { Validation } from '../ui/ui';
import { runWizardUntilAccepted } from '../ui/wizard';
import { detailSteps, editDetails } from './applications';
import type { CommandContext } from './context';
import { takenIdAt } from './refusals';
import { requireRights } from './rightsCheck';
import { accountFor } from './targets';
import { isNode } from '../explorer/nodeTypes';

export function checkOrganizationId(id: string): Validation {
  const problem = validateId(id, 'organization');
  return problem
    ? { severity: 'error', message: problem }
    : {
        severity: 'info',
        message:
          'Organizations and users share one namespace: the ID cannot be a user ID, cannot be changed later, and cannot be reused after deletion.',
      };
}

export async function createOrganization(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const account = await accountFor(ctx, isNode(args[0]) ? args[0] : undefined);
  const userId = userIdOf(account);
  if (!userId) {
    throw new CommandError(`${account.session.accountLabel} is not a user: sign in as a user to create organizations.`);
  }
  await requireRights(
    account,
    { type: 'user', id: userId },
    ['RIGHT_USER_ORGANIZATIONS_CREATE'],
    'create organizations',
  );
  const title = `Create Organization on ${account.deployment.name}`;
  const draft = { id: '', name: '', description: '' };
  await runWizardUntilAccepted(
    detailSteps(ctx.ui, title, { prompt: 'Organization ID, e.g. "acme-field-ops"', check: checkOrganizationId }),
    draft,
    (d) =>
      ctx.ui.withProgress(`Creating organization "${d.id}"…`, (signal) =>
        account.api.organizations.create(
          { kind: 'user', id: userId },
          { ids: { organization_id: d.id }, name: d.name, description: d.description },
          signal,
        ),
      ),
    takenIdAt(0),
  );
  ctx.log.info(`Created organization ${draft.id} on ${account.deployment.name}.`);
  await ctx.model.refreshSection(account.deployment.key, 'organizations');
  void ctx.ui.info(`Created organization "${draft.id}". You are its first member, with every right.`);
}

export const editOrganization = (ctx: CommandContext, ...args: unknown[]): Promise<void> =>
  editDetails(ctx, args, 'organization');
