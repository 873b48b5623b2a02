// Application commands: create (owner, ID, name, description) and edit (also organizations' name and description).
// Delete / restore / purge are in lifecycle.ts, API keys and collaborators in their own files.
import { APPLICATION_DETAIL_FIELDS } from '../tts/applications';
import { validateId } from '../tts/ids';
import type { Application } from '../tts/types';
import { isNode } from '../explorer/nodeTypes';
import { DESCRIPTION_MAX, NAME_MAX } from '../ui/clientGuidelines';
import type { Validation } from '../ui/ui';
import { refusedOr, runWizardUntilAccepted, type Refusal, type WizardStep } from '../ui/wizard';
import type { CommandContext } from './context';
import { takenIdAt } from './refusals';
import { ownerChoice, ownerStep, type OwnerChoice } from './owner';
import { accountFor, entityTarget, nodeArg } from './targets';
import { requireRights, type RightsHolder } from './rightsCheck';
import { ORGANIZATION_DETAIL_FIELDS } from '../tts/organizations';
import { plainText } from '../util/plainText';

interface AppDraft extends OwnerChoice {
  id: string;
  name: string;
  description: string;
  /** The ID the server refused, and why: shown on the ID step. */
  refused?: Refusal;
}

export function checkApplicationId(id: string): Validation {
  const problem = validateId(id, 'application');
  return problem
    ? { severity: 'error', message: problem }
    : {
        severity: 'info',
        message: 'The ID cannot be changed later, and cannot be reused after the application is deleted.',
      };
}

const checkLength =
  (max: number, what: string) =>
  (v: string): Validation | undefined =>
    v.length > max
      ? { severity: 'error', message: `The ${what} can be at most ${max} characters (it has ${v.length}).` }
      : undefined;

/** The ID, name and description steps of a create wizard (applications, organizations). */
export function detailSteps<S extends { id: string; name: string; description: string; refused?: Refusal }>(
  ui: CommandContext['ui'],
  title: string,
  id: { prompt: string; check: (id: string) => Validation },
): WizardStep<S>[] {
  return [
    {
      run: async (s, step) => {
        s.id = (
          await ui.input({
            title,
            step,
            value: s.id,
            prompt: id.prompt,
            validate: refusedOr(s.refused, (v) => id.check(v.trim())),
          })
        ).trim();
      },
    },
    {
      run: async (s, step) => {
        s.name = (
          await ui.input({
            title,
            step,
            value: s.name || s.id,
            prompt: 'Name',
            validate: checkLength(NAME_MAX, 'name'),
          })
        ).trim();
      },
    },
    {
      run: async (s, step) => {
        s.description = (
          await ui.input({
            title,
            step,
            value: s.description,
            prompt: 'Description (optional)',
            validate: checkLength(DESCRIPTION_MAX, 'description'),
          })
        ).trim();
      },
    },
  ];
}

function steps(ctx: CommandContext, title: string): WizardStep<AppDraft>[] {
  return [
    ownerStep(ctx.ui, title, 'application'),
    ...detailSteps<AppDraft>(ctx.ui, title, {
      prompt: 'Application ID, e.g. "acme-soil-sensors"',
      check: checkApplicationId,
    }),
  ];
}

export async function createApplication(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const account = await accountFor(ctx, isNode(args[0]) ? args[0] : undefined);
  const title = `Create Application on ${account.deployment.name}`;
  const draft: AppDraft = {
    ...(await ownerChoice(ctx, account, args, 'sign in as a user to create applications.')),
    id: '',
    name: '',
    description: '',
  };
  await runWizardUntilAccepted(
    steps(ctx, title),
    draft,
    (d) => {
      const application: Application = { ids: { application_id: d.id }, name: d.name, description: d.description };
      return ctx.ui.withProgress(`Creating application "${d.id}"…`, (signal) =>
        account.api.applications.create(d.owner!, application, signal),
      );
    },
    takenIdAt(1),
  );
  ctx.log.info(`Created application ${draft.id} on ${account.deployment.name}.`);
  await ctx.model.refreshSection(account.deployment.key, 'applications');
  void ctx.ui.info(`Created application "${draft.id}".`);
}

type DetailField = 'name' | 'description';

/** Edits the name or description of an application or organization (the field of the row it ran on, else a pick). */
export async function editDetails(
  ctx: CommandContext,
  args: readonly unknown[],
  type: 'application' | 'organization',
): Promise<void> {
  const Noun = type === 'application' ? 'Application' : 'Organization';
  const { account, entity } = await entityTarget(ctx, args, type, { title: `Edit Which ${Noun}?` });
  await requireRights(
    account,
    entity as RightsHolder,
    [type === 'application' ? 'RIGHT_APPLICATION_SETTINGS_BASIC' : 'RIGHT_ORGANIZATION_SETTINGS_BASIC'],
    `edit ${type} "${entity.id}"`,
  );
  const title = `Edit ${Noun} "${entity.id}"`;
  const current = await ctx.ui.withProgress<{ name?: string; description?: string }>(
    `Loading ${type} "${entity.id}"…`,
    (signal) =>
      type === 'application'
        ? account.api.applications.get(entity.id, APPLICATION_DETAIL_FIELDS, signal)
        : account.api.organizations.get(entity.id, ORGANIZATION_DETAIL_FIELDS, signal),
  );
  const property = nodeArg(args, 'property')?.property;
  const field =
    property === 'name' || property === 'description'
      ? property
      : await ctx.ui.pick<DetailField>({
          title,
          placeholder: 'Which field?',
          items: [
            { label: 'Name', description: plainText(current.name || '(none)', 100), value: 'name' },
            {
              label: 'Description',
              description: plainText(current.description || '(none)', 100),
              value: 'description',
            },
          ],
        });
  const value = (
    await ctx.ui.input({
      title,
      prompt: field === 'name' ? 'Name' : 'Description',
      value: current[field] ?? '',
      validate: field === 'name' ? checkLength(NAME_MAX, 'name') : checkLength(DESCRIPTION_MAX, 'description'),
    })
  ).trim();
  await ctx.ui.withProgress<unknown>(`Updating ${type} "${entity.id}"…`, (signal) =>
    type === 'application'
      ? account.api.applications.update(entity.id, { [field]: value }, [field], signal)
      : account.api.organizations.update(entity.id, { [field]: value }, [field], signal),
  );
  await ctx.model.entityChanged(account.deployment.key, entity);
  void ctx.ui.info(`Updated the ${field} of ${type} "${entity.id}".`);
}

export const editApplication = (ctx: CommandContext, ...args: unknown[]): Promise<void> =>
  editDetails(ctx, args, 'application');
