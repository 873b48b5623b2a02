import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerModel } from '../../src/explorer/model';
import { findRow, type Row } from '../support/screen';
import { compareWith, type ScreenRow } from '../support/treeFuzz/oracle';
import { under } from '../support/treeRows';
import { extensionApi, testServer, waitFor } from './api';
import { clickRow, rowButton, rowMenu, screenRows, screenUrl, titleButton } from './screen';
import { errorMessage } from '../../src/util/errorMessage';

// The real TreeView in the workbench, driven as a user drives it — rows clicked (the next one the moment it shows),
// inline Refresh buttons and context menus — and read back from the screen: after each step the rows under every
// expanded row are what the model holds, and (root hooks in tripwire.test.ts) no error notification appeared and the
// workbench's logs show no tree error.
describe('explorer tree as shown', function () {
  this.timeout(300_000); // each step waits for the screen to settle
  let model: ExplorerModel;
  const STACK = 'Local test stack';
  const key = (): string => testServer().key;
  const text = (rows: Row[]): string[] =>
    rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}${r.description ? ` — ${r.description}` : ''}`);
  const screen = (rows: Row[]): ScreenRow[] =>
    rows.map((r) => ({
      depth: r.level - 1,
      label: r.label,
      description: r.description || undefined,
      expanded: r.expanded,
    }));

  /** Polls the screen until `check` passes (the tree renders asynchronously); returns the rows. */
  async function rowsWhen(what: string, check: (rows: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
    let last: string[] = [];
    try {
      await waitFor(
        what,
        async () => {
          last = text(await screenRows());
          return check(last) || undefined;
        },
        timeoutMs,
      );
    } catch (error) {
      throw new Error(`${errorMessage(error)}; the rows:\n${last.join('\n')}`);
    }
    return last;
  }
  /** The rows once they stop changing for a second. */
  async function stableRows(): Promise<Row[]> {
    let last = await screenRows();
    for (let same = 0; same < 4;) {
      await new Promise((r) => setTimeout(r, 150));
      const now = await screenRows();
      same = JSON.stringify(now) === JSON.stringify(last) ? same + 1 : 0;
      last = now;
    }
    return last;
  }
  /** Clicks the row if it is collapsed (a click on an expanded row would collapse it). */
  async function expand(path: string[]): Promise<void> {
    const rows = await screenRows();
    const at = findRow(rows, path);
    if (at < 0 || rows[at].expanded === false) {
      await clickRow(path);
    }
  }
  /** The settled screen equals what the model holds under every expanded row. */
  async function assertScreenIsModel(step: string): Promise<string[]> {
    const rows = await stableRows();
    const problems = await compareWith(model, screen(rows), undefined, 'the model', false);
    assert.deepEqual(problems, [], `after ${step}`);
    return text(rows);
  }

  before(async function () {
    if (!screenUrl()) {
      this.skip(); // desktop VS Code: no screen reader
    }
    model = (await extensionApi()).explorer;
    await vscode.commands.executeCommand('workbench.view.extension.thingsStack');
    await rowsWhen('the deployment row', (rows) => rows.some((r) => r.startsWith(STACK)));
  });

  let expanded: string[] = [];
  const LAB = "Alice's lab"; // ACCOUNT_SEED.organization (test/support/ttsServer/seedAccount.ts)

  it('expands every kind of node with a click, each click as soon as its row shows', async () => {
    const clients = [STACK, 'OAuth Clients'];
    const apps = [STACK, 'Applications'];
    const sensors = [...apps, 'alice', 'Sensors'];
    for (const path of [
      clients,
      [...clients, 'alice', 'Dashboard'],
      [...clients, 'alice', 'Dashboard', 'Rights'],
      [...clients, 'alice', 'Dashboard', 'Collaborators'],
      [...clients, 'Recently Deleted'],
      apps,
      sensors,
      [...sensors, 'API Keys'],
      [...sensors, 'Collaborators'],
      [...sensors, 'End Devices'],
      [...sensors, 'End Devices', 'device-0001'],
      [...sensors, 'End Devices', 'device-0001', 'Payload Formatters'],
      [...sensors, 'Payload Formatters'],
      [STACK, 'Organizations'],
      [STACK, 'Organizations', LAB],
      [STACK, 'Organizations', LAB, 'Collaborators'],
      [STACK, 'Organizations', LAB, 'API Keys'],
      [STACK, 'Authorized Apps'],
      [STACK, 'Authorized Apps', 'Weather portal'],
      [STACK, 'Your API Keys'],
    ]) {
      await clickRow(path); // waits only for the row itself to show
    }
    expanded = await assertScreenIsModel('the clicks');
    const app = under(expanded, 'Sensors');
    assert.deepEqual(
      app.slice(0, 5).map((r) => r.split(' — ')[0]),
      ['ID', 'Name', 'Description', 'Created', 'Updated'],
      app.join('\n'),
    );
    assert.ok(app[0].endsWith('— alice-sensors'));
    assert.match(app.find((r) => r.startsWith('End Devices')) ?? '', /— 3 devices/);
    assert.ok(under(expanded, 'Payload Formatters').some((r) => /^Uplink — JavaScript · in effect/.test(r)));
    assert.deepEqual(
      under(expanded, 'Weather portal').map((r) => r.split(' — ')[0].replace(/^Token \S+…$/, 'Token')),
      ['Token', 'Token'],
    );
    assert.ok(
      under(expanded, 'Authorized Apps').some((r) => /^VS Code \(tests\) — .*this VS Code window/.test(r)),
      under(expanded, 'Authorized Apps').join('\n'),
    );
  });

  it('refreshing each kind of node with its button or menu keeps the rows the user sees', async () => {
    const sensors = [STACK, 'Applications', 'alice', 'Sensors'];
    const dashboard = [STACK, 'OAuth Clients', 'alice', 'Dashboard'];
    const steps: [string, string[], 'button' | 'menu'][] = [
      ['the deployment', [STACK], 'button'],
      ['OAuth Clients', [STACK, 'OAuth Clients'], 'button'],
      ['an owner of clients', [STACK, 'OAuth Clients', 'alice'], 'menu'],
      ['a client', dashboard, 'menu'],
      ['its collaborators', [...dashboard, 'Collaborators'], 'button'],
      ['Recently Deleted', [STACK, 'OAuth Clients', 'Recently Deleted'], 'button'],
      ['Applications', [STACK, 'Applications'], 'button'],
      ['an owner of applications', [STACK, 'Applications', 'alice'], 'menu'],
      ['an application', sensors, 'menu'],
      ['its API keys', [...sensors, 'API Keys'], 'button'],
      ['its end devices', [...sensors, 'End Devices'], 'button'],
      ['its payload formatters', [...sensors, 'Payload Formatters'], 'button'],
      ['Organizations', [STACK, 'Organizations'], 'button'],
      ['an organization', [STACK, 'Organizations', LAB], 'menu'],
      ['Authorized Apps', [STACK, 'Authorized Apps'], 'button'],
      ['an authorized app', [STACK, 'Authorized Apps', 'Weather portal'], 'menu'],
      ['your API keys', [STACK, 'Your API Keys'], 'button'],
    ];
    for (const [name, path, how] of steps) {
      await (how === 'button' ? rowButton(path, 'Refresh') : rowMenu(path, 'Refresh'));
      assert.deepEqual(await assertScreenIsModel(`Refresh of ${name}`), expanded, name);
    }
    const before = expanded;
    // The view's title button, while a row has the focus (VS Code passes that row to a title button's command):
    // everything loads again, also what the focused row does not show.
    await clickRow([...dashboard, 'ID']);
    const account = (await extensionApi()).accounts.account(key());
    assert.ok(account);
    const described = async (description: string): Promise<void> => {
      await account.api.applications.update('alice-sensors', { description }, ['description']);
      await titleButton('Refresh All');
      await rowsWhen(`Sensors described as "${description || '(none)'}"`, (now) =>
        under(now, 'Sensors').includes(`Description — ${description || '(none)'}`),
      );
    };
    await described('Refreshed from the title');
    await described('');
    const notUpdated = (rows: string[]): string[] => rows.filter((r) => !r.trimStart().startsWith('Updated — '));
    expanded = await assertScreenIsModel('the Refresh All of the view');
    assert.deepEqual(notUpdated(expanded), notUpdated(before), 'the same rows (Sensors was updated twice)');
  });

  it('shows a created client, moves a deleted one to Recently Deleted and back on restore', async () => {
    const account = (await extensionApi()).accounts.account(key());
    assert.ok(account);
    await account.api.clients.create(
      { kind: 'user', id: 'alice' },
      {
        ids: { client_id: 'alice-tree-test' },
        name: 'Tree test',
        redirect_uris: ['https://tree.example.com/callback'],
        grants: ['GRANT_AUTHORIZATION_CODE'],
        rights: ['RIGHT_USER_INFO'],
      },
    );
    await model.refreshSection(key(), 'clients'); // what Create OAuth Client does after the server said yes
    let rows = await assertScreenIsModel('a create');
    assert.ok(under(rows, 'alice').some((r) => r.startsWith('Tree test')));
    await account.api.clients.delete('alice-tree-test');
    await model.refreshSection(key(), 'clients');
    rows = await assertScreenIsModel('a delete');
    assert.ok(under(rows, 'Recently Deleted').some((r) => r.startsWith('Tree test')));
    assert.ok(!under(rows, 'alice').some((r) => r.startsWith('Tree test')));
    await rowMenu([STACK, 'OAuth Clients', 'Recently Deleted', 'Tree test'], 'Restore OAuth Client');
    await rowsWhen('the restored client under alice again', (now) =>
      under(now, 'alice').some((r) => r.startsWith('Tree test')),
    );
    rows = await assertScreenIsModel('a restore');
    assert.ok(!under(rows, 'Recently Deleted').some((r) => r.startsWith('Tree test')));
    await account.api.clients.delete('alice-tree-test');
    await model.refreshSection(key(), 'clients');
    await rowsWhen('the client gone again', (now) => !under(now, 'alice').some((r) => r.startsWith('Tree test')));
  });

  it('Load more adds the next page once; a filter shows only matches and clears', async () => {
    const config = vscode.workspace.getConfiguration('thingsStack');
    await config.update('pageSize', 1, vscode.ConfigurationTarget.Global);
    try {
      // A new page size starts the tree over; rows that were expanded stay expanded and show their first page.
      await expand([STACK, 'Applications']);
      await rowsWhen('one application and Load More', (now) => {
        const alice = under(now, 'alice', 'Applications');
        return alice.length === 2 && alice[1].startsWith('Load More');
      });
      await clickRow([STACK, 'Applications', 'alice', 'Load More…']);
      const rows = await rowsWhen('two applications', (now) => {
        const alice = under(now, 'alice', 'Applications');
        return alice.filter((r) => !r.startsWith('Load More')).length === 2;
      });
      const alice = under(rows, 'alice', 'Applications');
      assert.equal(new Set(alice).size, alice.length, 'each row once');
      await assertScreenIsModel('Load more');
    } finally {
      await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
    await rowsWhen('every page again', (now) => !under(now, 'alice', 'Applications').some((r) => r.startsWith('Load')));
    await model.setFilter(key(), 'applications', 'tracker'); // what Filter… does with the text typed
    await rowsWhen('only the match', (now) => {
      const shown = under(now, 'Applications');
      return shown.length === 1 && shown[0].includes('alice-tracker');
    });
    await assertScreenIsModel('a filter');
    await model.setFilter(key(), 'applications', undefined);
    const rows = await rowsWhen('the owners again', (now) =>
      under(now, 'Applications').some((r) => r.startsWith('alice')),
    );
    assert.ok(under(rows, 'Applications').some((r) => r.startsWith('Recently Deleted')));
    await assertScreenIsModel('clearing the filter');
  });
});
