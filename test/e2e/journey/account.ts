// The e2e journey's account side, signed in with a code (the public "cli" client): the OAuth clients alice
// authorized, one revoked with its row's button, this window's own token marked, her organization opened; and at the
// end the code session's own authorization revoked from the palette, which signs this window out.
import { runCommand } from '../../support/workbench';
import { answer, dialog, expandRow, rowAction, rowsUntil, toast, under } from '../driver';
import type { JourneyContext } from './context';

const authorized = (rows: string[]): string[] => under(rows, 'Authorized Apps');

export async function authorizedApps(x: JourneyContext): Promise<void> {
  const { page, journey, server } = x;
  await journey.run('authorized-apps', async () => {
    await expandRow(page, 'Authorized Apps');
    const rows = await rowsUntil(
      page,
      'the clients alice authorized, with names',
      (r) =>
        authorized(r).some((a) => a.startsWith('Weather portal — weather-portal')) &&
        authorized(r).some((a) => /^Command-line interface — cli .*this VS Code window$/.test(a)),
    );
    if (!authorized(rows).some((a) => a.startsWith('Field notes — field-notes'))) {
      throw new Error(`Field notes is missing:\n${rows.join('\n')}`);
    }
    await expandRow(page, 'Command-line interface');
    await rowsUntil(page, "this window's token under cli", (r) =>
      under(r, 'Command-line interface').some((t) => /^Token \S+… — this VS Code window/.test(t)),
    );
  });
  await journey.run('revoke-an-authorized-app', async () => {
    await rowAction(page, 'Weather portal', 'Revoke Authorization');
    await dialog(page, /Revoke the authorization of Weather portal \(weather-portal\)\?.*2 access tokens/, 'Revoke');
    await toast(page, /Revoked the authorization of Weather portal/);
    await rowsUntil(page, 'Weather portal gone from Authorized Apps', (r) =>
      authorized(r).every((a) => !a.startsWith('Weather portal')),
    );
    if (server.state.authorizations.has('alice/weather-portal')) {
      throw new Error('the server still holds the authorization');
    }
    if ([...server.state.accessTokens.values()].some((t) => t.clientId === 'weather-portal')) {
      throw new Error('the server still holds a token of weather-portal');
    }
  });
  await journey.run('open-an-organization', async () => {
    await expandRow(page, 'Organizations');
    await expandRow(page, "Alice's lab");
    await rowsUntil(page, "Alice's lab with its details, members and keys", (r) => {
      const lab = under(r, "Alice's lab");
      return (
        lab.some((l) => l.startsWith('ID — alice-lab')) &&
        lab.some((l) => l.startsWith('Collaborators — 2 collaborators')) &&
        lab.some((l) => l.startsWith('API Keys — 1 key'))
      );
    });
  });
}

export async function revokeOwnAuthorization(x: JourneyContext): Promise<void> {
  const { page, journey, server } = x;
  await journey.run('revoke-own-authorization-signs-out', async () => {
    await runCommand(page, 'Things Stack: Revoke Authorization…');
    await answer(page, /Revoke an Authorization[\s\S]*Command-line interface/, 'Command-line interface');
    await dialog(page, /This VS Code window signs in with it: you will be signed out here\./, 'Revoke');
    await page.getByText('Sign in to see your OAuth clients and applications.').waitFor({ timeout: 20_000 });
    await toast(page, /Signed out/i);
    await toast(page, /Revoked the authorization of Command-line interface \(cli\) .*this window is signed out/);
    if (server.state.authorizations.has('alice/cli')) {
      throw new Error('the server still holds the authorization of cli');
    }
    if ([...server.state.accessTokens.values()].some((t) => t.clientId === 'cli' && t.userId === 'alice')) {
      throw new Error('a token of cli is still valid on the server');
    }
  });
}
