// VS Code's SecretStorage as the core's SecretStore, plus the OAuth client secrets kept beside the sessions.
import type * as vscode from 'vscode';
import type { SecretStore } from '../repository';

export function secretStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: (key) => secrets.get(key),
    store: (key, value) => secrets.store(key, value),
    delete: (key) => secrets.delete(key),
  };
}

/** Whether a SecretStorage change concerns sessions (and not, say, a client secret). */
export function isSessionKey(key: string): boolean {
  return key === 'thingsStack.sessions' || key.startsWith('thingsStack.session.');
}
