// The browser leg of OAuth over plain HTTP, the way The Things Stack v3.32.1 wants it, so one helper drives the
// test server and a real stack alike: GET /oauth/authorize → 302 to /oauth/login; GET /oauth/login (cookie
// `_csrf`, `CSRF_TOKEN` in the page); POST /oauth/api/auth/login with JSON {user_id, password}, the cookie and
// header X-CSRF-Token → 204 + cookie `_session`; GET /oauth/authorize again → a redirect, or the consent page, which
// is answered with POST /oauth/authorize?<same query> and form `authorize=true|false`.

export interface HttpLogin {
  userId: string;
  password: string;
  /** Answer on the consent page; default true. */
  approve?: boolean;
}

export interface AuthorizeOutcome {
  /** The Location of the final redirect, made absolute against the stack (TTS sends `/oauth/code?…` relative). */
  location: string;
  /** Whether the consent page was shown (and answered). */
  consented: boolean;
}

/** Cookies of one browser session, by name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) {
        this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function get(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { Cookie: jar.header(), Accept: 'text/html' } });
  jar.take(response);
  return response;
}

/** The CSRF token the login page embeds in `window.__ttn_config__`. */
export function csrfTokenOf(html: string): string | undefined {
  return /CSRF_TOKEN"?\s*:\s*"([^"]+)"/.exec(html)?.[1];
}

/** Logs in through the page at `loginUrl` (`…/oauth/login?n=…`); throws with the server's answer on failure. */
export async function logIn(loginUrl: string, login: HttpLogin, jar: CookieJar): Promise<void> {
  const page = await get(loginUrl, jar);
  const csrf = csrfTokenOf(await page.text());
  if (page.status !== 200 || !csrf) {
    throw new Error(`login page ${loginUrl}: HTTP ${page.status}${csrf ? '' : ', no CSRF_TOKEN'}`);
  }
  const api = new URL(loginUrl);
  api.pathname = api.pathname.replace(/\/oauth\/login$/, '/oauth/api/auth/login');
  api.search = '';
  const response = await fetch(api, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Cookie: jar.header() },
    body: JSON.stringify({ user_id: login.userId, password: login.password }),
  });
  jar.take(response);
  if (response.status !== 204) {
    throw new Error(`login as ${login.userId}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
}

/** Opens an authorize URL as a fresh browser: logs in, answers consent, and returns where the stack redirects. */
export async function authorizeOverHttp(authorizeUrl: string, login: HttpLogin): Promise<AuthorizeOutcome> {
  const jar = new CookieJar();
  let response = await get(authorizeUrl, jar);
  const toLogin = response.headers.get('location');
  if (
    response.status === 302 &&
    toLogin &&
    /\/oauth\/login(\?|$)/.test(new URL(toLogin, authorizeUrl).pathname + '?')
  ) {
    await logIn(new URL(toLogin, authorizeUrl).toString(), login, jar);
    response = await get(authorizeUrl, jar);
  }
  let consented = false;
  if (response.status === 200) {
    await response.text();
    consented = true;
    response = await fetch(authorizeUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.header() },
      body: new URLSearchParams({ authorize: String(login.approve ?? true) }).toString(),
    });
    jar.take(response);
  }
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(`authorize: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
  return { location: new URL(location, authorizeUrl).toString(), consented };
}
