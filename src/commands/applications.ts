// Application commands: create (owner, ID, name, description) and edit. Delete / restore / purge are in
// lifecycle.ts, API keys and collaborators in their own files.
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

function steps(ctx: CommandContext, title: string): WizardStep<AppDraft>[] {
  const ui = ctx.ui;
  return [
    ownerStep(ui, title, 'application'),
    {
      run: async (s, step) => {
        s.id = (
          await ui.input({
            title,
            step,
            value: s.id,
            prompt: 'Application ID, e.g. "acme-soil-sensors"',
            validate: refusedOr(s.refused, (v) => checkApplicationId(v.trim())),
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

type AppField = 'name' | 'description';

export async function editApplication(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const { account, entity } = await entityTarget(ctx, args, 'application', { title: 'Edit Which Application?' });
  const title = `Edit Application "${entity.id}"`;
  const app = await ctx.ui.withProgress(`Loading application "${entity.id}"…`, (signal) =>
    account.api.applications.get(entity.id, APPLICATION_DETAIL_FIELDS, signal),
  );
  const property = nodeArg(args, 'property')?.property;
  const field =
    property === 'name' || property === 'description'
      ? property
      : await ctx.ui.pick<AppField>({
          title,
          placeholder: 'Which field?',
          items: [
            { label: 'Name', description: app.name || '(none)', value: 'name' },
            { label: 'Description', description: app.description || '(none)', value: 'description' },
          ],
        });
  const value = (
    await ctx.ui.input({
      title,
      prompt: field === 'name' ? 'Name' : 'Description',
      value: app[field] ?? '',
      validate: field === 'name' ? checkLength(NAME_MAX, 'name') : checkLength(DESCRIPTION_MAX, 'description'),
    })
  ).trim();
  await ctx.ui.withProgress(`Updating application "${entity.id}"…`, (signal) =>
    account.api.applications.update(entity.id, { [field]: value }, [field], signal),
  );
  await ctx.model.entityChanged(account.deployment.key, entity);
  void ctx.ui.info(`Updated the ${field} of application "${entity.id}".`);
}
