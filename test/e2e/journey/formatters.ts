// The e2e journey's payload formatter: opened from the tree as a JavaScript document and tested on the server.
import { runCommand } from '../../support/workbench';
import { answer, clickRow, expandRow, rowsUntil, under } from '../driver';
import { editorText, until, type JourneyContext } from './context';

export async function openAndTestFormatter(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('open-payload-formatter', async () => {
    // Seeded: Sensors' default uplink formatter is CayenneLPP; its device-0001 has its own JavaScript uplink one.
    const clients = page.locator('.part.sidebar .monaco-list-row', { hasText: /^OAuth Clients/ }).first();
    if ((await clients.getAttribute('aria-expanded')) === 'true') {
      await clients.click(); // room for the application's rows
    }
    await expandRow(page, /^Sensors/);
    await expandRow(page, /^Payload Formatters/);
    await rowsUntil(page, "Sensors' default formatters", (rows) => {
      const list = under(rows, 'Payload Formatters', 'Sensors');
      return list.includes('Uplink — CayenneLPP') && list.includes('Downlink — None');
    });
    await expandRow(page, /^End Devices/);
    await expandRow(page, /^device-0001/);
    await expandRow(page, /^Payload Formatters/, 0); // the device's: its rows come before the application's
    await rowsUntil(page, "device-0001's own uplink formatter, in effect over the application's", (rows) =>
      under(rows, 'Payload Formatters', 'device-0001').some((r) =>
        r.startsWith('Uplink — JavaScript · in effect: JavaScript (device'),
      ),
    );
    // Open it: the deployed script in a JavaScript editor named uplink.js.
    await clickRow(page, /in effect: JavaScript/);
    await page.locator('.tabs-container .tab.active', { hasText: 'uplink.js' }).waitFor({ timeout: 20_000 });
    await until(page, async () => (await editorText(page)).includes('function decodeUplink(input)'), 'the script');
  });
  await journey.run('test-payload-formatter', async () => {
    // On the server, with the seeded device's payload: 09 29 80 → 23.45 °C, 64 %.
    await runCommand(page, 'Things Stack: Test Uplink Formatter');
    await answer(page, /uplink payload/, '09 29 80');
    await answer(page, /FPort/, '1');
    await until(
      page,
      async () => {
        const text = (await editorText(page)).replace(/\s+/g, ' ');
        return /"temperature": 23\.45/.test(text) && /"humidity": 64/.test(text);
      },
      'the decoded JSON (temperature 23.45, humidity 64)',
    );
  });
}
