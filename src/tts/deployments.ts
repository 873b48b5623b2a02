// Where a deployment's Identity Server, OAuth server and Console live (§9), and what a URL the user types means.
import { baseUrl, basePath, endpoint } from './endpoints';
import { isLoopbackHost, nonAsciiCharacter } from './ids';

export interface DeploymentConfig {
  /** Shown in the tree and the status bar, e.g. "TTN Sandbox (eu1)". */
  name: string;
  /** The cluster the user works with, e.g. https://nam1.cloud.thethings.network. */
  url: string;
  /** Where the Identity Server and OAuth live when it differs from `url` (TTN Sandbox: always eu1). */
  identityServerUrl?: string;
  consoleUrl?: string;
  /** The user's own OAuth client; without it, sign-in uses the stack's public `cli` client or an API key. */
  clientId?: string;
}

export type DeploymentKind = 'ttn-sandbox' | 'tts-cloud' | 'self-hosted';

export interface Deployment {
  name: string;
  kind: DeploymentKind;
  /** Base URL of the cluster (events, AS/NS): origin and path, no trailing slash. */
  clusterUrl: string;
  /** Base URL of the Identity Server and OAuth (`/api/v3`, `/oauth` go under it). */
  identityServerUrl: string;
  consoleUrl: string;
  clientId?: string;
  /** Stable key: the Identity Server host (and path, if any), used in session scopes `deployment:<key>`. */
  key: string;
}

const SANDBOX = /^(?<cluster>(?:nam|sam|eu|af|as|au)\d+)\.cloud\.thethings\.network$/;
const CLOUD = /^(?<tenant>[a-z0-9-]+)\.(?<cluster>[a-z]+\d+)\.cloud\.thethings\.industries$/;

export const PRESETS: readonly DeploymentConfig[] = [
  { name: 'TTN Sandbox (eu1)', url: 'https://eu1.cloud.thethings.network' },
  { name: 'TTN Sandbox (nam1)', url: 'https://nam1.cloud.thethings.network' },
  { name: 'TTN Sandbox (au1)', url: 'https://au1.cloud.thethings.network' },
];

/** A deployment entry whose URLs do not pass the checks of Add Deployment (checkDeploymentUrl). */
export class DeploymentUrlError extends Error {
  override readonly name = 'DeploymentUrlError';
}

/**
 * One of an entry's URLs, checked as Add Deployment checks what is typed: a URL says where credentials go. The
 * message is shown and logged, so what a URL may hide (user info, a query, a fragment) is left out of it.
 */
function checkedUrl(url: unknown, field: keyof DeploymentConfig): string {
  const check = typeof url === 'string' ? checkDeploymentUrl(url) : { ok: false as const, message: 'It is not text.' };
  if (!check.ok) {
    const message = typeof url === 'string' ? withoutUrlSecrets(check.message, url.trim()) : check.message;
    throw new DeploymentUrlError(field === 'url' ? message : `${field}: ${message}`);
  }
  return check.url;
}

function withoutUrlSecrets(message: string, url: string): string {
  const masked = url.replace(/^([^:/?#]*:\/\/)[^/?#]*@/, '$1…@').replace(/[?#].*$/s, '?…');
  let out = message.split(url).join(masked);
  try {
    const { search, hash } = new URL(url);
    if (search || hash) {
      out = out.split(`${search}${hash}`).join('?…');
    }
  } catch {
    // not a URL: the whole text was replaced above
  }
  return out;
}

/**
 * Fills in where the Identity Server and Console are, from the URL's shape. A path in a URL is kept (endpoints.ts).
 * Every URL of the entry goes through the checks of Add Deployment (https except for loopback hosts, no credentials,
 * query or fragment, …), so a hand-edited settings.json cannot send tokens over plain http: DeploymentUrlError.
 */
export function resolveDeployment(config: DeploymentConfig): Deployment {
  const clusterUrl = baseUrl(checkedUrl(config.url, 'url'));
  const host = new URL(clusterUrl).hostname;
  let kind: DeploymentKind = 'self-hosted';
  let identityServerUrl = config.identityServerUrl
    ? baseUrl(checkedUrl(config.identityServerUrl, 'identityServerUrl'))
    : clusterUrl;
  const sandbox = SANDBOX.exec(host);
  const cloud = CLOUD.exec(host);
  if (sandbox) {
    kind = 'ttn-sandbox';
    identityServerUrl = config.identityServerUrl ? identityServerUrl : 'https://eu1.cloud.thethings.network';
  } else if (cloud?.groups) {
    kind = 'tts-cloud';
    identityServerUrl = config.identityServerUrl
      ? identityServerUrl
      : `https://${cloud.groups.tenant}.eu1.cloud.thethings.industries`;
  }
  return {
    name: config.name,
    kind,
    clusterUrl,
    identityServerUrl,
    consoleUrl: config.consoleUrl
      ? baseUrl(checkedUrl(config.consoleUrl, 'consoleUrl'))
      : endpoint(clusterUrl, '/console'),
    clientId: config.clientId || undefined,
    key: `${new URL(identityServerUrl).host}${basePath(identityServerUrl)}`,
  };
}

/** The scope other extensions pass to `getSession` to ask for a session on this deployment. */
export function deploymentScope(deployment: Deployment): string {
  return `deployment:${deployment.key}`;
}

export type UrlCheck = { ok: true; url: string; suggestedName: string } | { ok: false; message: string };

const V2_HINT =
  'The Things Network v2 was shut down in 2021. Its accounts, `ttnctl` and `ttn-account-v2.` keys do not work with ' +
  'The Things Stack v3: sign in at your v3 cluster (e.g. https://eu1.cloud.thethings.network) and create an API key ' +
  '(NNSXS.…) or use the browser sign-in.';

/** TTN v2 hosts: anything under thethings.network but the v3 clusters (`*.cloud.thethings.network`) and the website. */
function isV2Host(host: string): boolean {
  return (
    /(^|\.)thethings\.network$/.test(host) &&
    !/\.cloud\.thethings\.network$/.test(host) &&
    host !== 'thethings.network' &&
    host !== 'www.thethings.network'
  );
}

/** Checks a URL typed into "Add Deployment": https (http only for loopback), no TTN v2 leftovers. */
export function checkDeploymentUrl(input: string): UrlCheck {
  const text = input.trim();
  if (!text) {
    return {
      ok: false,
      message: 'Enter the URL of your The Things Stack deployment, e.g. https://eu1.cloud.thethings.network.',
    };
  }
  if (/ttn-account-v2\.|ttnctl|account\.thethingsnetwork\.org|console\.thethingsnetwork\.org/i.test(text)) {
    return { ok: false, message: V2_HINT };
  }
  const foreign = nonAsciiCharacter(text);
  if (foreign) {
    // A look-alike letter in the host would send your tokens to another server.
    return { ok: false, message: `The URL must be plain ASCII: ${foreign}.` };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(text)?.[1];
  if (!scheme) {
    return { ok: false, message: `"${text}" has no scheme; did you mean https://${text.replace(/^\/+/, '')}?` };
  }
  if (!/^https?$/i.test(scheme)) {
    return { ok: false, message: `"${scheme.toLowerCase()}:" is not a web address; use https://.` };
  }
  if (!/^https?:\/\//i.test(text)) {
    return { ok: false, message: `"${text}" needs "//" after the scheme, e.g. https://eu1.cloud.thethings.network.` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text}" is not a valid URL: check the host name and port.` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `Use https for ${url.hostname}: plain http would send your tokens unencrypted. http is only allowed for localhost.`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Do not put credentials in the deployment URL.' };
  }
  if (url.search || url.hash) {
    // Nothing the user typed is dropped silently: a query or fragment has no meaning for a deployment.
    return {
      ok: false,
      message: `Remove "${url.search}${url.hash}" from the URL: a deployment URL is the address of the stack, with no query or fragment.`,
    };
  }
  const host = url.hostname;
  if (isV2Host(host)) {
    return { ok: false, message: V2_HINT };
  }
  const sandbox = SANDBOX.exec(host);
  const cloud = CLOUD.exec(host);
  const suggestedName = sandbox?.groups
    ? `TTN Sandbox (${sandbox.groups.cluster})`
    : cloud?.groups
      ? `TTS Cloud ${cloud.groups.tenant} (${cloud.groups.cluster})`
      : host;
  return { ok: true, url: baseUrl(url.toString()), suggestedName };
}

/** Recognises a pasted TTN v2 access key, to explain instead of failing later. */
export function isV2Key(text: string): boolean {
  return /^ttn-account-v2\./.test(text.trim());
}

/** Console links (§9), deployment-aware. */
export function consoleLink(
  deployment: Deployment,
  target:
    | { kind: 'application' | 'client' | 'organization'; id: string }
    | { kind: 'applications' | 'clients' | 'organizations' | 'userApiKeys' | 'authorizations' },
): string {
  const base = deployment.consoleUrl;
  switch (target.kind) {
    case 'organizations':
      return endpoint(base, '/organizations');
    case 'organization':
      return endpoint(base, `/organizations/${encodeURIComponent(target.id)}`);
    case 'userApiKeys':
      return endpoint(base, '/user-settings/api-keys');
    case 'authorizations':
      return endpoint(base, '/user-settings/authorizations');
    case 'applications':
      return endpoint(base, '/applications');
    case 'clients':
      return endpoint(base, '/user-settings/oauth-clients');
    case 'application':
      return endpoint(base, `/applications/${encodeURIComponent(target.id)}`);
    case 'client':
      return endpoint(base, `/user-settings/oauth-clients/${encodeURIComponent(target.id)}`);
  }
}
