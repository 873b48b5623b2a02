// The pages a browser test clicks through: login (user ID + password), consent (client name, its rights,
// Authorize / Cancel posting back to the same URL) and the "Your authorization code is:" page of `/oauth/code`.
import type { Client } from '../../../src/tts/types';
import { RIGHT_TABLE } from '../../../src/tts/schemaRights';
import type { Reply } from './http';

const EXPLANATION = new Map<string, string>(RIGHT_TABLE.map(([name, text]) => [name, text]));

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string, status = 200): Reply {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} - The Things Stack (test server)</title>
<style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto}label{display:block;margin:.5rem 0}
.error{color:#b00}button{margin-right:.5rem}#code{font-family:monospace;font-size:1.1rem;word-break:break-all}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, text: html };
}

/** A value as a JavaScript literal that cannot end the <script> element it sits in. */
const inScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The login page as TTS serves it (`GET /oauth/login`): the CSRF token in `window.__ttn_config__`, and a script that
 * posts `{user_id, password}` as JSON to `/oauth/api/auth/login` with the `X-CSRF-Token` header, then continues to
 * `next` (the original authorize URL). There is no form POST to /oauth/login.
 */
export function loginPage(base: string, next: string, csrf: string): Reply {
  const config = inScript({ CSRF_TOKEN: csrf, APP_ROOT: `${base}/oauth` });
  return page(
    'Login',
    `<p class="error" role="alert" id="error" hidden></p>
<form id="login">
  <label>User ID <input name="user_id" autocomplete="username" required></label>
  <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
  <button type="submit">Log in</button>
</form>
<script>window.__ttn_config__ = ${config};
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch(${inScript(`${base}/oauth/api/auth/login`)}, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': window.__ttn_config__.CSRF_TOKEN },
    body: JSON.stringify({ user_id: form.get('user_id'), password: form.get('password') }),
  });
  if (response.status === 204) {
    window.location.assign(${inScript(next)});
    return;
  }
  const error = document.getElementById('error');
  error.textContent = (await response.json().catch(() => ({}))).message || 'Login failed.';
  error.hidden = false;
});
</script>`,
  );
}

export function consentPage(client: Client, userId: string, action: string): Reply {
  const name = client.name || client.ids?.client_id || '';
  const rights = (client.rights ?? [])
    .map((r) => `<li><code>${escapeHtml(r)}</code> ${escapeHtml(EXPLANATION.get(r) ?? '')}</li>`)
    .join('\n    ');
  return page(
    'Authorize',
    `<p>Logged in as <strong id="user">${escapeHtml(userId)}</strong>.</p>
<p><strong id="client-name">${escapeHtml(name)}</strong>${client.endorsed ? ' (endorsed)' : ''} is requesting access to your account with these rights:</p>
<ul id="rights">
    ${rights}
</ul>
<form method="post" action="${escapeHtml(action)}">
  <button type="submit" name="authorize" value="true">Authorize</button>
  <button type="submit" name="authorize" value="false">Cancel</button>
</form>`,
  );
}

export function codePage(code: string | null, error: string | null): Reply {
  if (!code) {
    return page(
      'Authorization failed',
      `<p class="error" role="alert">${escapeHtml(error ?? 'No authorization code was given.')}</p>`,
      400,
    );
  }
  return page(
    'Authorization code',
    `<p>Your authorization code is:</p>
<pre id="code">${escapeHtml(code)}</pre>
<p>Copy it and paste it where you started signing in.</p>`,
  );
}
