import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { vscodeSignInUi } from '../../src/auth/vscode/signInUi';
import { extensionApi, PROVIDER_ID, testServer, waitFor } from './api';
import { approveOverHttp } from './httpBrowser';

// Sign-in through the real path: openExternal opens the TTS test server's authorize page in the browser, the
// runner's robot logs in and approves, TTS redirects to code-server's callback URL, and VS Code hands the URI to
// the extension's UriHandler.
describe('authentication provider (as another extension sees it)', () => {
  const scopes = (): string[] => [`deployment:${testServer().key}`];
  const changes: vscode.AuthenticationSessionsChangeEvent[] = [];
  const logLines: string[] = [];
  const tokensSeen = new Set<string>();
  let subscription: vscode.Disposable;

  before(async () => {
    const api = await extensionApi();
    const server = testServer();
    await api.accounts.storeClientSecret(server.key, server.clientId, server.clientSecret);
    tokensSeen.add(server.clientSecret);
    // The real sign-in UI runs; only the method is chosen here (the quick pick would wait for a user).
    api.hooks.pickFlow = (flows) => flows.find((f) => f.id === 'uri-handler') ?? flows[0];
    if (process.env.TSM_HOST === 'desktop') {
      // No browser to drive on the desktop: approve over HTTP and hand the redirect to VS Code.
      api.hooks.ui = (name) => ({
        ...vscodeSignInUi(name),
        openBrowser: (url) => approveOverHttp(url, process.env.TSM_USER ?? '', process.env.TSM_PASSWORD ?? ''),
      });
    }
    const echo = api.log.echo;
    api.log.echo = (line) => {
      logLines.push(line);
      echo?.(line);
    };
    subscription = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === PROVIDER_ID) {
        changes.push(e);
      }
    });
  });
  after(() => subscription.dispose());

  it('has no session before sign-in (silent)', async () => {
    assert.equal(await vscode.authentication.getSession(PROVIDER_ID, scopes(), { silent: true }), undefined);
  });

  it('signs in from the Sign In command through the browser and the URI handler', async () => {
    await vscode.commands.executeCommand('thingsStack.signIn');
    await waitFor(
      'the workbench to know the new session',
      async () => (await vscode.authentication.getSession(PROVIDER_ID, scopes(), { silent: true })) ?? undefined,
    );
    // The account exists now and this extension may use it: createIfNone answers without asking again.
    const session = await vscode.authentication.getSession(PROVIDER_ID, scopes(), { createIfNone: true });
    assert.match(session.accessToken, /^MFRWG\./);
    tokensSeen.add(session.accessToken);
    assert.equal(session.account.label, 'alice · Local test stack');
    assert.deepEqual(session.scopes, scopes());
    await waitFor('a sessions change event', () => changes.length > 0 || undefined);
  });

  it('answers silent requests with the same session, and any-deployment requests too', async () => {
    const silent = await vscode.authentication.getSession(PROVIDER_ID, scopes(), { silent: true });
    assert.equal(silent?.account.label, 'alice · Local test stack');
    const any = await vscode.authentication.getSession(PROVIDER_ID, [], { silent: true });
    assert.equal(any?.id, silent?.id);
  });

  it('shows the user in the status bar', async () => {
    const api = await extensionApi();
    await waitFor('the status bar to show alice', () => api.statusBar.item.text.includes('alice') || undefined);
    assert.match(api.statusBar.item.text, /^\$\(account\) alice · Local test stack/);
  });

  it('forceNewSession asks first; a new sign-in keeps the session id stable and fires a change', async () => {
    const before = await vscode.authentication.getSession(PROVIDER_ID, scopes(), { silent: true });
    // The workbench refuses the "sign in again" dialog under test, so the provider call it leads to is made directly.
    await assert.rejects(
      Promise.resolve(
        vscode.authentication.getSession(PROVIDER_ID, scopes(), { forceNewSession: { detail: 'integration test' } }),
      ),
      /refused to show dialog in tests/,
    );
    const api = await extensionApi();
    const count = changes.length;
    const renewed = await api.provider.createSession(scopes());
    assert.equal(renewed.id, before?.id);
    assert.equal(renewed.account.label, before?.account.label);
    assert.notEqual(renewed.accessToken, before?.accessToken);
    tokensSeen.add(renewed.accessToken);
    await waitFor(
      'a changed event',
      () => changes.slice(count).some((e) => e.provider.id === PROVIDER_ID) || undefined,
    );
  });

  it('refuses a forged callback through the real URI handler without breaking anything', async () => {
    const api = await extensionApi();
    const lines: string[] = [];
    const echo = api.log.echo;
    api.log.echo = (line) => {
      lines.push(line);
      echo?.(line);
    };
    try {
      const forged = vscode.Uri.parse(
        `${vscode.env.uriScheme}://lpwan-tools.things-stack-manager/auth/callback?code=MF2XI.X.Y&state=forged`,
      );
      await vscode.env.openExternal(await vscode.env.asExternalUri(forged));
      await waitFor(
        'the handler to refuse the callback',
        () => lines.some((l) => /unknown state/.test(l)) || undefined,
      );
    } finally {
      api.log.echo = echo;
    }
    const still = await vscode.authentication.getSession(PROVIDER_ID, scopes(), { silent: true });
    assert.ok(still, 'still signed in');
  });

  it('signs out: the session is gone and the status bar says so', async () => {
    const api = await extensionApi();
    const session = await vscode.authentication.getSession(PROVIDER_ID, scopes(), { silent: true });
    await api.provider.removeSession(session!.id);
    assert.equal(await vscode.authentication.getSession(PROVIDER_ID, scopes(), { silent: true }), undefined);
    assert.match(api.statusBar.item.text, /sign-in/);
    // Sign in again for the explorer suite.
    await vscode.commands.executeCommand('thingsStack.signIn');
  });

  it('never wrote a token or the client secret to the log', () => {
    assert.ok(logLines.length > 3, `${logLines.length} log lines`);
    const text = logLines.join('\n');
    for (const secret of tokensSeen) {
      assert.ok(!text.includes(secret), `leaked: ${secret.slice(0, 6)}…`);
    }
  });
});
