// The URI handler: `<uriScheme>://lpwan-tools.things-stack-manager/auth/callback?code=…&state=…` lands here and
// goes to the attempt that owns the state. A refused callback is explained and the attempt goes on.
import vscode = require('vscode');
import type { Logger } from '../../platform/logger';
import { showWarning } from '../../platform/notifications';
import type { PendingAttempts } from '../attempts';
import { withoutNeedlessEscapes } from '../oauth';

export const EXTENSION_ID = 'lpwan-tools.things-stack-manager';
export const CALLBACK_PATH = '/auth/callback';

/** The callback URI as the user's browser can reach it on this host (remote and web hosts get their own URL). */
export async function externalCallbackUri(): Promise<string> {
  const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${CALLBACK_PATH}`);
  // toString(true): the query must stay `a=1&b=2`; the default encoding would turn it into one opaque value.
  return withoutNeedlessEscapes((await vscode.env.asExternalUri(local)).toString(true));
}

export class CallbackUriHandler implements vscode.UriHandler {
  constructor(
    private readonly pending: PendingAttempts,
    private readonly log: Logger,
  ) {}

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== CALLBACK_PATH) {
      this.log.warn(`Ignored a URI for an unknown path: ${uri.path}`);
      return;
    }
    const outcome = this.pending.deliver(uri.query);
    if (outcome.accepted) {
      this.log.info('Sign-in callback received.');
    } else {
      this.log.warn(outcome.message);
      void showWarning(outcome.message);
    }
  }
}
