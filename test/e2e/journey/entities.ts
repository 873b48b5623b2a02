// The e2e journey's changes through the commands: an OAuth client with its one-time secret and its JSON, an
// application with an API key, deleting both, and registering VS Code's own OAuth client.
import { runCommand } from '../../support/workbench';
import { answer, contextMenu, dialog, expandRow, rowsUntil, toast, under } from '../driver';
import { acceptUntilDialog, QUICK_INPUT, type JourneyContext } from './context';

const clientsOwner = (rows: string[]): string[] => under(rows, 'alice — you', 'OAuth Clients');
const appsOwner = (rows: string[]): string[] => under(rows, 'alice — you', 'Applications');

export async function changeEntities(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('expand-both-sections', async () => {
    await expandRow(page, 'OAuth Clients');
    await expandRow(page, 'Applications');
    await rowsUntil(
      page,
      "alice's clients and applications",
      (rows) =>
        clientsOwner(rows).some((r) => r.startsWith('Dashboard — alice-dashboard')) &&
        appsOwner(rows).some((r) => r.startsWith('Sensors — alice-sensors')),
    );
  });
  await journey.run('create-oauth-client', async () => {
    await runCommand(page, 'Things Stack: Create OAuth Client');
    await answer(page, /\(1\/8\)[\s\S]*alice/); // owner: the user
    await answer(page, /\(2\/8\)/, 'alice-e2e-dashboard');
    await answer(page, /\(3\/8\)/, 'Alice e2e dashboard');
    await answer(page, /\(4\/8\)/, 'Shows the sensor data of Alice on a dashboard; reads application data only.');
    await answer(page, /\(5\/8\)/, 'https://dashboard.example.com/callback');
    await answer(page, /\(6\/8\)/, '');
    await answer(page, /\(7\/8\)/); // grants as proposed
    await acceptUntilDialog(page, 4); // the refresh-token question, the rights presets and the advice
    const text = await dialog(page, /Secret of OAuth client "alice-e2e-dashboard"/, 'I Have Copied It', 30_000);
    if (!/\S{16,}/.test(text)) {
      throw new Error('the secret was not shown');
    }
    await toast(page, /alice-e2e-dashboard/);
    await rowsUntil(page, 'the new client under alice', (rows) =>
      clientsOwner(rows).some((r) => r.startsWith('Alice e2e dashboard — alice-e2e-dashboard')),
    );
  });
  await journey.run('show-json', async () => {
    const editor = page.locator('.monaco-editor .view-lines').first();
    // The workbench's context menu sometimes drops a click while it settles (the harness, not the extension).
    for (let attempt = 1; ; attempt++) {
      await contextMenu(page, 'Alice e2e dashboard', 'Show as JSON');
      const opened = await editor.waitFor({ timeout: 8_000 }).then(
        () => true,
        () => false,
      );
      if (opened) {
        break;
      }
      if (attempt === 3) {
        throw new Error('"Show as JSON" from the context menu opened no editor in 3 tries');
      }
    }
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline && !text.includes('alice-e2e-dashboard')) {
      text = (await editor.innerText()).replace(/\u00a0/g, ' ');
      await page.waitForTimeout(200);
    }
    if (!/"client_id":\s*"alice-e2e-dashboard"/.test(text) || !/"name":\s*"Alice e2e dashboard"/.test(text)) {
      throw new Error(`the JSON document shows: ${text.slice(0, 300)}`);
    }
  });
  await journey.run('create-application', async () => {
    await runCommand(page, 'Things Stack: Create Application');
    await answer(page, /\(1\/4\)[\s\S]*alice/);
    await answer(page, /\(2\/4\)/, 'alice-e2e-app');
    await answer(page, /\(3\/4\)/, 'Alice e2e app');
    await answer(page, /\(4\/4\)/, '');
    await toast(page, /alice-e2e-app/);
    await rowsUntil(page, 'the new application under alice', (rows) =>
      appsOwner(rows).some((r) => r.startsWith('Alice e2e app — alice-e2e-app')),
    );
  });
  await journey.run('create-api-key', async () => {
    await runCommand(page, 'Things Stack: Create API Key');
    await answer(page, /Create an API Key[\s\S]*An Application/, 'An Application');
    await answer(page, /Which Application/, 'alice-e2e-app');
    await answer(page, /\(1\/3\)/, 'e2e-integration');
    await acceptUntilDialog(page, 4); // the proposed rights preset, then "Never" expires
    await dialog(page, /API key "e2e-integration"/, 'I Have Copied It', 30_000);
  });
  await journey.run('delete-oauth-client', async () => {
    await runCommand(page, 'Things Stack: Delete OAuth Client');
    await answer(page, /Which OAuth Client/, 'alice-e2e-dashboard');
    await dialog(page, /alice-e2e-dashboard/, 'Delete');
    await toast(page, /Deleted OAuth client "alice-e2e-dashboard"/);
    await expandRow(page, 'Recently Deleted', 0);
    await rowsUntil(
      page,
      'the client gone from alice and under Recently Deleted',
      (rows) =>
        !clientsOwner(rows).some((r) => r.includes('alice-e2e-dashboard')) &&
        under(rows, 'Recently Deleted', 'OAuth Clients').some((r) => r.includes('alice-e2e-dashboard')),
    );
  });
  await journey.run('delete-application', async () => {
    await runCommand(page, 'Things Stack: Delete Application');
    await answer(page, /Which Application/, 'alice-e2e-app');
    await dialog(page, /alice-e2e-app/, 'Delete');
    // It has an API key: type its ID to confirm. The box opens neutral, not red.
    await page.locator(QUICK_INPUT, { hasText: /Type "alice-e2e-app" to confirm/ }).waitFor({ timeout: 20_000 });
    if (await page.locator(`${QUICK_INPUT} .inputBox.error, ${QUICK_INPUT} .message.error`).isVisible()) {
      throw new Error('the confirm box opened red before anything was typed');
    }
    await answer(page, /to confirm/, 'alice-e2e-app');
    await toast(page, /Deleted application "alice-e2e-app"/);
    await rowsUntil(
      page,
      'the application gone from alice',
      (rows) => !appsOwner(rows).some((r) => r.includes('alice-e2e-app')),
    );
  });
}

/** Registers VS Code's own OAuth client (after it, the deployment signs in with that client). */
export async function registerVsCodeClient(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('register-vscode-client', async () => {
    await runCommand(page, 'Things Stack: Register an OAuth Client for VS Code');
    // Every step takes what it proposes (owner, name, description, ID) until the client is registered.
    const registered = page
      .locator('.notifications-toasts .notification-toast', { hasText: /Registered OAuth client "/ })
      .first();
    const deadline = Date.now() + 30_000;
    while (!(await registered.isVisible())) {
      if (Date.now() > deadline) {
        throw new Error('the client was not registered');
      }
      if (await page.locator(QUICK_INPUT).isVisible()) {
        await answer(page, /./);
      } else {
        await page.waitForTimeout(300);
      }
    }
    const id = /Registered OAuth client "([^"]+)"/.exec(await registered.innerText())?.[1] ?? '?';
    await expandRow(page, 'OAuth Clients');
    await rowsUntil(page, `the registered client ${id} under alice`, (rows) =>
      clientsOwner(rows).some((r) => r.includes(`— ${id}`)),
    );
  });
}
