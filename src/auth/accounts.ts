// What the explorer and commands need from sign-in, without VS Code: the configured deployments, the signed-in
// account on each, an API client that carries (and refreshes) that account's token, and a change event.
import type { TtsClient } from '../tts/client';
import type { Deployment } from '../tts/deployments';
import type { StoredSession } from './sessions';
import type { Disposable } from '../util/events';

export interface Account {
  deployment: Deployment;
  session: StoredSession;
  /** Authenticated with the session; refreshes its token as needed. */
  api: TtsClient;
}

export type { Disposable } from '../util/events';

export interface Accounts {
  deployments(): readonly Deployment[];
  /** The active account on a deployment, or undefined when signed out there. */
  account(deploymentKey: string): Account | undefined;
  /** Fires when deployments, sessions or the active account change. */
  onDidChange(listener: () => void): Disposable;
  /** Stored OAuth client secret of a deployment's own client (or one just created), if any. */
  clientSecret(deploymentKey: string, clientId: string): Promise<string | undefined>;
  storeClientSecret(deploymentKey: string, clientId: string, secret: string): Promise<void>;
}
