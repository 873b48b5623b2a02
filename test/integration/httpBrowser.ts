// Desktop VS Code opens the system browser, which no test can drive; there the suite plays the browser over
// HTTP instead: log in, approve, and hand the final redirect to VS Code (a vscode:// URI reaches the UriHandler).
import * as vscode from 'vscode';

function cookieOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

export async function approveOverHttp(authorizeUrl: string, userId: string, password: string): Promise<boolean> {
  const origin = new URL(authorizeUrl).origin;
  const login = await fetch(`${origin}/oauth/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_id: userId, password, n: authorizeUrl.slice(origin.length) }).toString(),
  });
  const cookie = cookieOf(login);
  const consent = await fetch(authorizeUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: 'authorize=true',
  });
  const location = consent.headers.get('location');
  if (!location) {
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(location, true));
}
