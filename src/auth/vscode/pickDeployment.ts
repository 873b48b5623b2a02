// Which deployment a command acts on: the only one, or the user's pick; none configured yet, Add Deployment.
import vscode = require('vscode');
import type { Deployment } from '../../tts/deployments';
import { UserCancelledError } from '../../util/cancellation';
import type { AccountService } from '../accountService';

export async function pickDeployment(
  accounts: AccountService,
  placeHolder: string,
  addDeployment?: () => Promise<Deployment>,
): Promise<Deployment> {
  const all = accounts.deployments();
  if (all.length === 0 && addDeployment) {
    return addDeployment();
  }
  if (all.length === 1) {
    return all[0];
  }
  const picked = await vscode.window.showQuickPick(
    all.map((d) => ({
      label: d.name,
      description: d.key,
      detail: accounts.activeSession(d.key)?.accountLabel,
      deployment: d,
    })),
    { placeHolder, ignoreFocusOut: true },
  );
  if (!picked) {
    throw new UserCancelledError();
  }
  return picked.deployment;
}
