// Plays the user's browser in plain-Node tests: approves the authorize request on the TTS test server as a
// seeded user and follows the redirects the way a browser would, up to where the callback lands.
import { authorizeOverHttp } from './oauthLogin';
import type { TtsTestServer } from './ttsServer';

export interface BrowserResult {
  /** The final location: a loopback callback that was fetched, a custom-scheme URI, or the code page. */
  location: string;
  /** For the code page: the code it shows. */
  shownCode?: string;
}

/**
 * Opens an authorize URL as `userId`, logs in with the seeded password through the real login sequence,
 * approves (or denies), and follows http redirects. The authorize URL is fetched as given, so a wrong path fails.
 */
export async function approveInBrowser(
  server: TtsTestServer,
  authorizeUrl: string,
  userId = 'alice',
  approve = true,
): Promise<BrowserResult> {
  const password = server.state.users.get(userId)?.password ?? '';
  let location = (await authorizeOverHttp(authorizeUrl, { userId, password, approve })).location;
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
