// The e2e journey's explorer steps, as a new user of the demo clicks: Applications, an application, each of its
// children, its devices and formatters; then Refresh on each level (inline buttons and context menus) keeps the rows.
import { clickRow, rowButton, rowMenu, titleButton } from '../../support/screen';
import { runCommand } from '../../support/workbench';
import { answer, rowsUntil, treeRows, under } from '../driver';
import { STACK, type JourneyContext } from './context';

const APPS = [STACK, 'Applications'];
const SENSORS = [...APPS, 'alice', 'Sensors'];

export async function firstClicks(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('expand-applications', async () => {
    await clickRow(page, APPS);
    const rows = await rowsUntil(page, "alice's 26 applications", (now) =>
      under(now, 'alice', 'Applications').some((r) => r.startsWith('Greenhouse climate — greenhouse-climate')),
    );
    const owner = under(rows, 'Applications');
    if (owner[0] !== 'alice — you · 26 applications' || !owner.some((r) => r.startsWith('ACME Corp — acme · '))) {
      throw new Error(`the owners: ${owner.join(' | ')}`);
    }
    if (under(rows, 'alice', 'Applications').some((r) => /^Application \S+ — /.test(r))) {
      throw new Error('an application whose name repeats its ID');
    }
  });
  await journey.run('click-an-application-and-each-child', async () => {
    // The click a new user made first: it must show the application's children, not an empty row.
    await clickRow(page, SENSORS);
    await rowsUntil(page, "Sensors' children", (now) => under(now, 'Sensors').length === 9);
    for (const child of ['API Keys', 'Collaborators', 'End Devices', 'Payload Formatters']) {
      await clickRow(page, [...SENSORS, child]);
    }
    await clickRow(page, [...SENSORS, 'End Devices', 'device-0001']);
    await clickRow(page, [...SENSORS, 'End Devices', 'device-0001', 'Payload Formatters']);
    const rows = await rowsUntil(
      page,
      'every child of Sensors expanded',
      (now) =>
        under(now, 'Collaborators', 'Sensors').some((r) => r.startsWith('alice — user')) &&
        under(now, 'API Keys', 'Sensors').some((r) => r.startsWith('No API keys')) &&
        under(now, 'End Devices', 'Sensors').length === 3 &&
        under(now, 'Payload Formatters', 'device-0001').some((r) => r.startsWith('Uplink — JavaScript · in effect')),
    );
    const sensors = under(rows, 'Sensors');
    const expected = ['ID — alice-sensors', 'Name — Sensors', 'Description — (none)'];
    if (expected.some((r, i) => sensors[i] !== r) || !sensors.includes('End Devices — 3 devices')) {
      throw new Error(`Sensors shows: ${sensors.join(' | ')}`);
    }
  });
  await journey.run('devices-of-the-demo-traffic-application', async () => {
    await clickRow(page, [...APPS, 'alice', 'Greenhouse climate']);
    await clickRow(page, [...APPS, 'alice', 'Greenhouse climate', 'End Devices']);
    await rowsUntil(
      page,
      "Greenhouse climate's 25 devices",
      (now) => under(now, 'End Devices', 'Greenhouse climate').filter((r) => r.startsWith('device-')).length === 25,
    );
  });
}

export async function filterByTypedText(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('filter-by-the-typed-text', async () => {
    // Enter takes the typed text even when a match's label starts with it (alice-sensors for "sens").
    await runCommand(page, 'Things Stack: Filter');
    await answer(page, /Filter the Explorer/, 'Applications');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('sens');
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'alice-sensors' })
      .waitFor({ timeout: 10_000 });
    await input.press('Enter');
    await rowsUntil(page, 'the applications filtered by "sens"', (now) =>
      now.some((r) => r.trim().startsWith('Applications — filter: "sens" · 4 found')),
    );
    await runCommand(page, 'Things Stack: Clear Filter');
    await rowsUntil(
      page,
      'the filter cleared',
      (now) => under(now, 'Applications')[0]?.startsWith('alice — you') === true,
    );
  });
}

export async function refreshEachLevel(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('refresh-each-level', async () => {
    const before = await treeRows(page);
    const same = (what: string) =>
      rowsUntil(page, `the same rows after ${what}`, (now) => now.join('\n') === before.join('\n'));
    for (const [what, path, how] of [
      ['Applications', APPS, 'button'],
      ['Applications again', APPS, 'button'],
      ['alice', [...APPS, 'alice'], 'menu'],
      ['an application', SENSORS, 'menu'],
      ['its end devices', [...SENSORS, 'End Devices'], 'button'],
      ['its payload formatters', [...SENSORS, 'Payload Formatters'], 'button'],
      ['the deployment', [STACK], 'button'],
    ] as const) {
      await (how === 'button' ? rowButton(page, path, 'Refresh') : rowMenu(page, path, 'Refresh'));
      await same(`Refresh on ${what}`);
    }
    await titleButton(page, 'Refresh All');
    await same("the view's Refresh All");
  });
}
