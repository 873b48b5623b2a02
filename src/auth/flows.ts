// Which sign-in flows fit this host and deployment, in the order to offer them (DESIGN.md: Sign-in flows).
// Pure: the provider passes in what it knows of VS Code's environment.

export type FlowId = 'uri-handler' | 'loopback' | 'paste-code' | 'api-key';

export interface Flow {
  id: FlowId;
  /** `own`: the deployment's configured OAuth client (needs its secret); `cli`: the stack's public client. */
  client: 'own' | 'cli' | 'none';
  label: string;
  detail: string;
  /** The own client's secret is not stored yet: choosing this flow asks for it first. */
  needsSecret?: boolean;
}

export interface HostInfo {
  /** `desktop`: VS Code's UI runs on this machine; `web`: in a browser (vscode.dev, code-server). */
  ui: 'desktop' | 'web';
  /** The extension host runs on another machine than the UI (SSH, WSL, containers, code-server). */
  remote: boolean;
}

export interface ClientInfo {
  /** The deployment's own OAuth client ID, when configured. */
  clientId?: string;
  /** Whether its secret is in SecretStorage (TTS refuses token requests without one, §0.1). */
  hasSecret: boolean;
}

/** Which client a flow uses, in its label: own and `cli` flows of the same kind must not look alike. */
const clientNote = (client: Flow['client'], clientId: string | undefined): string =>
  client === 'cli' ? 'public "cli" client' : `your client "${clientId ?? 'own'}"`;

const LABELS: Record<FlowId, (client: Flow['client'], clientId?: string) => Pick<Flow, 'label' | 'detail'>> = {
  'uri-handler': () => ({
    label: 'Sign in with your browser',
    detail: 'Opens The Things Stack; the browser returns to VS Code.',
  }),
  loopback: (client, clientId) => ({
    label:
      client === 'cli'
        ? 'Sign in with your browser (no setup)'
        : `Sign in with your browser (local callback, ${clientNote(client, clientId)})`,
    detail:
      client === 'cli'
        ? 'Uses the stack\'s public "cli" client, as ttn-lw-cli does; the browser returns to a local port.'
        : 'The browser returns to a short-lived server on 127.0.0.1.',
  }),
  'paste-code': (client, clientId) => ({
    label: `Sign in with a code (${clientNote(client, clientId)})`,
    detail: 'Sign in in any browser, then paste the code it shows.',
  }),
  'api-key': () => ({
    label: 'Use an API key',
    detail: 'Paste an NNSXS.… key from the Console (user or application key).',
  }),
};

function flow(id: FlowId, client: Flow['client'], clientId?: string): Flow {
  return { id, client, ...LABELS[id](client, clientId) };
}

/**
 * The flows to offer, best first. A local desktop can take a loopback callback; a remote or web host cannot
 * be reached on 127.0.0.1 from the user's browser, so it gets the URI handler (through asExternalUri) and the
 * pasted code. Without a usable own client, the public `cli` client covers loopback and code.
 */
export function chooseFlows(host: HostInfo, client: ClientInfo): Flow[] {
  const own = Boolean(client.clientId) && client.hasSecret;
  const local = host.ui === 'desktop' && !host.remote;
  const flows: Flow[] = [];
  if (own) {
    flows.push(flow('uri-handler', 'own', client.clientId));
    if (local) {
      flows.push(flow('loopback', 'own', client.clientId));
    }
    flows.push(flow('paste-code', 'own', client.clientId));
  }
  if (local) {
    flows.push(flow('loopback', 'cli'));
  }
  flows.push(flow('paste-code', 'cli'));
  if (client.clientId && !client.hasSecret) {
    // Offered, not recommended, and nothing said about it unless the user chooses it.
    flows.push({
      ...flow('uri-handler', 'own', client.clientId),
      label: `Sign in with your browser (your client "${client.clientId}")`,
      detail: "Asks once for the client's secret, kept in VS Code's secure storage.",
      needsSecret: true,
    });
  }
  flows.push(flow('api-key', 'none'));
  return flows;
}

/** The flows to offer after `failed` did not work ("try another way"): every other one, in the same order. */
export function otherFlows(all: readonly Flow[], failed: Flow): Flow[] {
  return all.filter((f) => f.id !== failed.id || f.client !== failed.client);
}
