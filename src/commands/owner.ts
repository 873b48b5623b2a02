// Who will own a new OAuth client or application: the owner node a command ran on, the only possible owner, or the
// user's pick among themselves and their organizations.
import type { Account } from '../auth/accounts';
import { ownersOf, type OwnerEntry } from '../explorer/owners';
import type { Owner } from '../tts/types';
import { CommandError } from '../ui/errorText';
import type { StepInfo, Ui } from '../ui/ui';
import type { WizardStep } from '../ui/wizard';
import type { CommandContext } from './context';
import { nodeArg } from './targets';

/** The owner part of a create wizard's state. */
export interface OwnerChoice {
  owner?: Owner;
  /** No need to ask: the command ran on an owner node, or there is only one owner. */
  ownerFixed: boolean;
  owners: OwnerEntry[];
}

/** Lists the possible owners unless the command ran on an owner node; refuses an account that is not a user. */
export async function ownerChoice(
  ctx: CommandContext,
  account: Account,
  args: readonly unknown[],
  notAUser: string,
): Promise<OwnerChoice> {
  const ownerNode = nodeArg(args, 'owner');
  if (ownerNode) {
    return { owner: ownerNode.owner, ownerFixed: true, owners: [] };
  }
  const { owners } = await ctx.ui.withProgress('Listing your organizations…', (signal) => ownersOf(account, signal));
  if (owners.length === 0) {
    throw new CommandError(`${account.session.accountLabel} is not a user: ${notAUser}`);
  }
  return { owner: owners.length === 1 ? owners[0].owner : undefined, ownerFixed: owners.length === 1, owners };
}

/** Asks which of `owners` will own the new entity (`what`: "client", "application"). */
export function pickOwner(
  ui: Ui,
  owners: readonly OwnerEntry[],
  title: string,
  what: string,
  step?: StepInfo,
): Promise<OwnerEntry> {
  return ui.pick({
    title,
    step,
    placeholder: `Who will own the ${what}?`,
    items: owners.map((o) => ({
      label: o.label,
      description: o.isSelf ? 'you' : `organization ${o.owner.id}`,
      value: o,
      icon: o.isSelf ? 'account' : 'organization',
    })),
  });
}

/** The wizard step that asks for the owner, skipped when it is fixed. */
export function ownerStep<S extends OwnerChoice>(ui: Ui, title: string, what: string): WizardStep<S> {
  return {
    skip: (s) => s.ownerFixed,
    run: async (s, step) => {
      s.owner = (await pickOwner(ui, s.owners, title, what, step)).owner;
    },
  };
}
