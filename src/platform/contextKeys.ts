// Context keys that drive welcome views and menus.
import vscode = require('vscode');

export type ContextKey =
  'thingsStack.ready' | 'thingsStack.hasDeployments' | 'thingsStack.signedIn' | 'thingsStack.isAdmin';

export function setContext(key: ContextKey, value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
