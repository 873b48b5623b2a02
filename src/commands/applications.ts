// Application commands: create (owner, ID, name, description) and edit. Delete / restore / purge are in
// lifecycle.ts, API keys and collaborators in their own files.
import { APPLICATION_DETAIL_FIELDS } from '../tts/applications';
import { TtsError } from '../tts/errors';
import { validateId } from '../tts/ids';
import type { Application, Owner } from '../tts/types';
import { isNode } from '../explorer/nodeTypes';
import { ownersOf, type OwnerEntry } from '../explorer/owners';
import { DESCRIPTION_MAX, NAME_MAX } from '../ui/clientGuidelines';
import { CommandError } from '../ui/errorText';
import type { Validation } from '../ui/ui';
import { refusedOr, runWizard, type Refusal, type WizardStep } from '../ui/wizard';
import type { CommandContext } from './context';
import { accountFor, entityTarget, nodeArg } from './targets';

interface AppDraft {
  owner?: Owner;
  ownerFixed: boolean;
  owners: OwnerEntry[];
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
    {
      skip: (s) => s.ownerFixed,
      run: async (s, step) => {
        s.owner = await ui.pick({
          title,
          step,
          placeholder: 'Who will own the application?',
          items: s.owners.map((o) => ({
            label: o.label,
            description: o.isSelf ? 'you' : `organization ${o.owner.id}`,
            value: o.owner,
            icon: o.isSelf ? 'account' : 'organization',
          })),
        });
      },
    },
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
  const ownerNode = nodeArg(args, 'owner');
  const { owners } = ownerNode
    ? { owners: [] }
    : await ctx.ui.withProgress('Listing your organizations…', (signal) => ownersOf(account, signal));
  if (!ownerNode && owners.length === 0) {
    throw new CommandError(`${account.session.accountLabel} is not a user: sign in as a user to create applications.`);
  }
  const draft: AppDraft = {
    owner: ownerNode?.owner ?? (owners.length === 1 ? owners[0].owner : undefined),
    ownerFixed: ownerNode !== undefined || owners.length === 1,
    owners,
    id: '',
    name: '',
    description: '',
  };
  let start = 0;
  for (;;) {
    await runWizard(steps(ctx, title), draft, start);
    const application: Application = {
      ids: { application_id: draft.id },
      name: draft.name,
      description: draft.description,
    };
    try {
      await ctx.ui.withProgress(`Creating application "${draft.id}"…`, (signal) =>
        account.api.applications.create(draft.owner!, application, signal),
      );
      break;
    } catch (error) {
      if (error instanceof TtsError && (error.errorName === 'id_taken' || error.errorName === 'forbidden_id')) {
        draft.refused = {
          value: draft.id,
          message: `${error.userMessage}. Choose another ID; your other answers are kept.`,
        };
        start = 1;
        continue;
      }
      throw error;
    }
  }
  ctx.log.info(`Created application ${draft.id} on ${account.deployment.name}.`);
  ctx.model.refreshSection(account.deployment.key, 'applications');
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
  ctx.model.entityChanged(account.deployment.key, entity, { [field]: value });
  void ctx.ui.info(`Updated the ${field} of application "${entity.id}".`);
}
