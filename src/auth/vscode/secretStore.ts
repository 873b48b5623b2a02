// VS Code's SecretStorage as the core's SecretStore.
import type * as vscode from 'vscode';
import type { SecretStore } from '../repository';

export function secretStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: (key) => secrets.get(key),
    store: (key, value) => secrets.store(key, value),
    delete: (key) => secrets.delete(key),
  };
}
