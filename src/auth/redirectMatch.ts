// Whether The Things Stack will accept a redirect_uri for a client, from the client's registered URIs (osin's
// ValidateUriList, §1.4): same scheme; same host and port, except that a registered http loopback IP literal without a
// port accepts any loopback IP and port; the path equal or a true sub-path; the registered query ignored. Checked before
// the browser opens, so a refusal (403 invalid_redirect_uri, which never comes back to VS Code) is said up front.

interface Parts {
  scheme: string;
  host: string;
  path: string;
}

function parts(uri: string): Parts | undefined {
  if (uri.includes('#')) {
    return undefined;
  }
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?]*))?([^?]*)/.exec(uri);
  if (!match) {
    return undefined;
  }
  const host = (match[2] ?? '').replace(/^.*@/, '');
  return { scheme: (match[1] ?? '').toLowerCase(), host, path: normalisePath(match[3]) };
}

/** `code` and `/code` are the same path to osin; dot segments are removed. */
function normalisePath(path: string): string {
  if (!path) {
    return '';
  }
  const out: string[] = [];
  for (const segment of path.replace(/^\//, '').split('/')) {
    if (segment === '..') {
      out.pop();
    } else if (segment !== '.') {
      out.push(segment);
    }
  }
  return `/${out.join('/')}`;
}

const LOOPBACK_IP = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;
const hostname = (host: string): string => host.replace(/:\d*$/, '');

function covers(base: Parts, redirect: Parts): boolean {
  if (base.scheme !== redirect.scheme) {
    return false;
  }
  const loopback = base.scheme === 'http' && LOOPBACK_IP.test(base.host) && LOOPBACK_IP.test(hostname(redirect.host));
  if (base.host !== redirect.host && !loopback) {
    return false;
  }
  return base.path === redirect.path || redirect.path.startsWith(`${base.path.replace(/\/+$/, '')}/`);
}

/** True when one of `registered` accepts `redirect`. */
export function redirectCovered(registered: readonly string[], redirect: string): boolean {
  const wanted = parts(redirect);
  if (!wanted) {
    return false;
  }
  // TTS joins the list with ";" and osin splits it again.
  return registered
    .join(';')
    .split(';')
    .some((uri) => {
      const base = parts(uri);
      return base !== undefined && uri !== '' && covers(base, wanted);
    });
}

/**
 * The redirect URI to register for a callback: without its per-request part. In code-server
 * `http://HOST/stable-<commit>/callback?vscode-reqid=…&…` becomes `http://HOST/stable-<commit>/callback`, which TTS
 * accepts (the query would take it past the 128-character limit) and which covers every sign-in there. On an http
 * 127.x.x.x host the port is left out too: TTS then accepts any port (the loopback exception), so a restart of
 * code-server on another port still matches.
 */
export function registrableRedirectUri(callback: string): string {
  return callback.replace(/[?#].*$/s, '').replace(/^(http:\/\/127\.\d{1,3}\.\d{1,3}\.\d{1,3}):\d+(?=\/|$)/i, '$1');
}
