// Plays the user's browser in plain-Node tests: approves the authorize request on the TTS test server as a
// seeded user and follows the redirects the way a browser would, up to where the callback lands.
import type { TtsTestServer } from './ttsServer';

export interface BrowserResult {
  /** The final location: a loopback callback that was fetched, a custom-scheme URI, or the code page. */
  location: string;
  /** For the code page: the code it shows. */
  shownCode?: string;
}

/** Opens an authorize URL as `userId`, approves (or denies), and follows http redirects. */
export async function approveInBrowser(server: TtsTestServer, authorizeUrl: string, userId = 'alice', approve = true): Promise<BrowserResult> {
  const url = new URL(authorizeUrl);
  const p = url.searchParams;
  let location = await server.authorize({
    userId,
    clientId: p.get('client_id') ?? '',
    redirectUri: p.get('redirect_uri') ?? '',
    state: p.get('state') ?? undefined,
    approve,
    codeChallenge: p.get('code_challenge') ?? undefined,
  });
  for (let hop = 0; hop < 5; hop++) {
    const next = new URL(location, server.url);
    if (next.protocol !== 'http:') {
      return { location: next.toString() };
    }
    const response = await fetch(next, { redirect: 'manual' });
    const body = await response.text();
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      location = response.headers.get('location')!;
      continue;
    }
    const shown = /id="code"[^>]*>([^<]+)</.exec(body)?.[1];
    return { location: next.toString(), shownCode: shown?.trim() };
  }
  throw new Error('Too many redirects');
}
