import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';

// A real browser clicks through login and consent; skipped where no Chromium is installed.
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);

describe('TTS test server: authorize pages in a browser', function () {
  this.timeout(30_000);
  let server: TtsTestServer;
  let browser: Browser;
  before(async function () {
    if (!CHROMIUM) {
      this.skip();
    }
    server = await startTtsServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in, shows the consent page and ends on the code page', async () => {
    const page = await browser.newPage();
    const query = new URLSearchParams({
      client_id: SEED.client.id,
      redirect_uri: 'code',
      response_type: 'code',
      state: 'abc',
    });
    await page.goto(`${server.url}/oauth/authorize?${query}`);
    await page.fill('input[name="user_id"]', 'alice');
    await page.fill('input[name="password"]', SEED.alice.password);
    await page.click('button[type=submit]:has-text("Log in")');
    assert.equal(await page.textContent('#client-name'), 'Things Stack Manager');
    await page.click('button:has-text("Authorize")');
    assert.match((await page.textContent('#code')) ?? '', /^MF2XI\./);
    assert.equal(new URL(page.url()).searchParams.get('state'), 'abc');
  });
});
