// The explorer and its commands wired to the TTS test server: a signed-in account (OAuth tokens of the seeded
// `vscode-ext` client), in-memory Accounts, the model and a scripted UI.
import type { Account, Accounts, Disposable } from '../../src/auth/accounts';
import { oauthSession } from './storedSession';
import type { CommandContext } from '../../src/commands/context';
import { ExplorerModel } from '../../src/explorer/model';
import type { ExplorerNode } from '../../src/explorer/nodeTypes';
import { TtsClient } from '../../src/tts/client';
import type { HttpOptions } from '../../src/tts/http';
import { resolveDeployment, type Deployment } from '../../src/tts/deployments';
import { recordingLog } from './leakSinks';
import { ScriptedUi, type ScriptStep } from './scriptedUi';
import { startTtsServer, type StartOptions, type TtsTestServer } from './ttsServer';

export class MemoryAccounts implements Accounts {
  readonly secrets = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  readonly accounts = new Map<string, Account>();

  constructor(private list: Deployment[] = []) {}

  deployments(): readonly Deployment[] {
    return this.list;
  }

  account(deploymentKey: string): Account | undefined {
    return this.accounts.get(deploymentKey);
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async clientSecret(deploymentKey: string, clientId: string): Promise<string | undefined> {
    return this.secrets.get(`${deploymentKey}/${clientId}`);
  }

  async storeClientSecret(deploymentKey: string, clientId: string, secret: string): Promise<void> {
    this.secrets.set(`${deploymentKey}/${clientId}`, secret);
  }

  setDeployments(list: Deployment[]): void {
    this.list = list;
    this.fire();
  }

  signIn(account: Account): void {
    this.accounts.set(account.deployment.key, account);
    this.fire();
  }

  signOut(deploymentKey: string): void {
    this.accounts.delete(deploymentKey);
    this.fire();
  }

  fire(): void {
    this.listeners.forEach((l) => l());
  }
}

/** An account on the test server for `userId`, signed in through the seeded `vscode-ext` client. */
export function accountFor(
  server: TtsTestServer,
  deployment: Deployment,
  userId: string,
  fetch?: HttpOptions['fetch'],
): Account {
  const tokens = server.issueTokens(userId, 'vscode-ext');
  const isAdmin = server.state.users.get(userId)?.user.admin === true;
  const session = oauthSession(
    deployment,
    userId,
    {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Date.now() + 3_600_000,
      obtainedAt: Date.now(),
    },
    { isAdmin },
  );
  // No retries: an injected 5xx must reach the code under test, not be absorbed by the transport.
  const api = new TtsClient({
    baseUrl: server.url,
    auth: { token: async () => tokens.access_token },
    retries: 0,
    timeoutMs: 5000,
    fetch,
  });
  return { deployment, session, api };
}

export interface Fixture {
  server: TtsTestServer;
  deployment: Deployment;
  accounts: MemoryAccounts;
  account: Account;
  model: ExplorerModel;
  ui: ScriptedUi;
  ctx: CommandContext;
  logs: string[];
  /** Children of a node, or of the node at a label path from the root (labels = node ids' last segment or kind). */
  children(node?: ExplorerNode): Promise<ExplorerNode[]>;
  close(): Promise<void>;
}

export interface FixtureOptions extends StartOptions {
  user?: string;
  pageSize?: number;
  script?: ScriptStep[];
}

export async function explorerFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const server = await startTtsServer(options);
  const deployment = resolveDeployment({ name: 'Local', url: server.url });
  const accounts = new MemoryAccounts([deployment]);
  const account = accountFor(server, deployment, options.user ?? 'alice');
  accounts.signIn(account);
  const model = new ExplorerModel(accounts, { pageSize: () => options.pageSize ?? 100 });
  const ui = new ScriptedUi(options.script);
  const logs: string[] = [];
  const log = recordingLog(logs); // also recorded for the suite-wide leak scan
  const ctx: CommandContext = { ui, accounts, model, log, now: () => Date.now() };
  return {
    server,
    deployment,
    accounts,
    account,
    model,
    ui,
    ctx,
    logs,
    children: (node) => model.children(node),
    close: async () => {
      model.dispose();
      await server.close();
    },
  };
}

/** Walks the tree by kinds and labels: `find(f, 'section:clients', 'owner:user:alice', 'client:alice-dashboard')`. */
export async function walk(f: Fixture, ...path: string[]): Promise<ExplorerNode> {
  let node: ExplorerNode | undefined;
  for (const segment of path) {
    const children = await f.model.children(node);
    const next = children.find((c) => key(c) === segment);
    if (!next) {
      throw new Error(`No "${segment}" under ${node?.id ?? 'the root'}; found: ${children.map(key).join(', ')}`);
    }
    node = next;
  }
  if (!node) {
    throw new Error('walk: empty path');
  }
  return node;
}

/** The keys of a list of nodes, in order. */
export const keys = (nodes: ExplorerNode[]): string[] => nodes.map(key);

/** A readable key for a node: `section:clients`, `owner:user:alice`, `client:x`, `property:name`, … */
export function key(node: ExplorerNode): string {
  switch (node.kind) {
    case 'deployment':
      return 'deployment';
    case 'section':
      return `section:${node.section}`;
    case 'owner':
      return `owner:${node.owner.kind}:${node.owner.id}`;
    case 'client':
      return `client:${node.clientId}`;
    case 'application':
      return `application:${node.applicationId}`;
    case 'property':
      return `property:${node.property}`;
    case 'uriList':
      return `uriList:${node.field}`;
    case 'uri':
      return `uri:${node.uri}`;
    case 'rightGroup':
      return `rightGroup:${node.summary.group}`;
    case 'right':
      return `right:${node.right}`;
    case 'collaborator':
      return `collaborator:${node.member.kind}:${node.member.id}`;
    case 'apiKey':
      return `apiKey:${node.key.name ?? node.key.id ?? ''}`;
    case 'device':
      return `device:${node.device.ids?.device_id ?? ''}`;
    case 'organization':
      return `organization:${node.organizationId}`;
    case 'authorization':
      return `authorization:${node.clientId}`;
    case 'token':
      return `token:${node.token.id ?? ''}`;
    case 'allEntities':
      return `allEntities:${node.section}`;
    case 'error':
      return 'error';
    case 'message':
      return 'message';
    default:
      return node.kind;
  }
}
