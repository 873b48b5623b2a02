// The VS Code side of a sign-in attempt: browser, input boxes, progress with cancel, and "try another way".
import vscode = require('vscode');
import type { Flow } from '../flows';
import { checkApiKey, checkAuthCode, type SignInUi } from '../signIn';
import { externalCallbackUri } from './uriHandler';
import { showInfo, showWarning } from '../../platform/notifications';
import { UserCancelledError } from '../../util/cancellation';

export function vscodeSignInUi(deploymentName: string): SignInUi {
  return {
    // A string, not a Uri: Uri.parse would decode the query and re-encode it differently, so the redirect_uri
    // the server sees would no longer be the one sent at token exchange. openExternal accepts strings at runtime.
    openBrowser: async (url) => vscode.env.openExternal(url as unknown as vscode.Uri),
    callbackUri: externalCallbackUri,
    askCode: async (url, signal, browserOpened) => {
      if (!browserOpened) {
        // Next to the code box, not after it: Escape in the box is a plain cancel, and nothing waits on this toast.
        void showInfo(
          'The browser did not open: copy the sign-in link and open it yourself.',
          'Copy Sign-In Link',
        ).then((copy) => (copy ? vscode.env.clipboard.writeText(url) : undefined));
      }
      const choice = await vscode.window.showInputBox(
        {
          title: `Sign in to ${deploymentName}`,
          prompt: 'Sign in in the browser that opened, then paste the authorization code it shows (MF2XI.…).',
          placeHolder: 'MF2XI.…',
          ignoreFocusOut: true,
          validateInput: (text) => (text.trim() ? checkAuthCode(text) : undefined),
        },
        tokenFor(signal),
      );
      return choice;
    },
    askApiKey: async (signal) =>
      vscode.window.showInputBox(
        {
          title: `Sign in to ${deploymentName} with an API key`,
          prompt: "Paste an API key (NNSXS.…). It is kept in VS Code's secure storage only.",
          password: true,
          ignoreFocusOut: true,
          validateInput: (text) => (text.trim() ? checkApiKey(text) : undefined),
        },
        tokenFor(signal),
      ),
    refused: (message) => void showWarning(message),
  };
}

function tokenFor(signal: AbortSignal): vscode.CancellationToken {
  const source = new vscode.CancellationTokenSource();
  signal.addEventListener('abort', () => source.cancel(), { once: true });
  return source.token;
}

/** Lets the user pick a sign-in method; the first is the recommended one. */
export async function pickFlow(flows: readonly Flow[], title: string): Promise<Flow> {
  if (flows.length === 1) {
    return flows[0];
  }
  const items = flows.map((flow, i) => ({
    label: flow.label,
    detail: flow.detail,
    description: i === 0 ? 'recommended' : undefined,
    flow,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'How do you want to sign in?',
    ignoreFocusOut: true,
  });
  if (!picked) {
    throw new UserCancelledError();
  }
  return picked.flow;
}
