// Opening and saving a deployed formatter against the TTS test server: 1 request to open, 3 to save (conflict check,
// a write of only that direction, a read-back), and a change on the server is never overwritten without the user's
// word (before the write: a question; after it: a concurrent write is said, formatterSave.concurrent.test.ts).
import { strict as assert } from 'node:assert';
import { readFormatter, type FormatterValue } from '../../../src/formatters/deployed';
import type { FormatterLocation } from '../../../src/formatters/location';
import { saveFormatter, type Conflict, type ConflictChoice } from '../../../src/formatters/saveFlow';
import type { FormattersApi } from '../../../src/tts/formatters';
import { explorerFixture, type Fixture } from '../../support/explorerFixture';

const APP = 'alice-sensors';
const JS = (body: string): FormatterValue => ({ type: 'FORMATTER_JAVASCRIPT', parameter: body });
const SCRIPT = 'function decodeUplink(input) {\n  return { data: { n: input.bytes.length } };\n}\n';

describe('formatter documents: open and save', () => {
  let f: Fixture;
  let api: FormattersApi;
  const app: FormatterLocation = { deploymentKey: '', applicationId: APP, direction: 'up' };
  const device: FormatterLocation = { deploymentKey: '', applicationId: APP, deviceId: 'device-0002', direction: 'up' };
  /** Requests to the Application Server's formatter routes since `from`. */
  const asRequests = (from: number): string[] =>
    f.server.requests
      .slice(from)
      .filter((r) => r.path.includes('/as/'))
      .map((r) => `${r.method} ${r.route ?? r.path}`);
  const never = async (): Promise<ConflictChoice | undefined> => assert.fail('no conflict expected');

  beforeEach(async () => {
    f = await explorerFixture();
    api = f.account.api.formatters;
    f.server.seed.link(APP, {
      up_formatter: 'FORMATTER_JAVASCRIPT',
      up_formatter_parameter: 'function decodeUplink(input) { return { data: {} }; }',
      down_formatter: 'FORMATTER_CAYENNELPP',
    });
  });
  afterEach(async () => f?.close());

  it('opens with one request and saves with three, writing only that direction', async () => {
    let from = f.server.requests.length;
    const base = await readFormatter(api, app);
    assert.deepEqual(asRequests(from), ['GET /as/applications/{application_ids.application_id}/link']);
    assert.equal(base.type, 'FORMATTER_JAVASCRIPT');

    from = f.server.requests.length;
    const result = await saveFormatter(api, app, base, SCRIPT, never);
    assert.deepEqual(result, { outcome: 'saved', stored: JS(SCRIPT) });
    assert.deepEqual(asRequests(from), [
      'GET /as/applications/{application_ids.application_id}/link',
      'PUT /as/applications/{application_ids.application_id}/link',
      'GET /as/applications/{application_ids.application_id}/link',
    ]);
    const put = f.server.requests.at(-2)?.body as { field_mask?: { paths?: string[] } };
    assert.ok(
      put.field_mask?.paths?.every((p) => p.startsWith('default_formatters.up_formatter')),
      JSON.stringify(put.field_mask),
    );
    const stored = await api.getApplication(APP);
    assert.deepEqual(stored?.up, JS(SCRIPT));
    assert.equal(stored?.down?.type, 'FORMATTER_CAYENNELPP', 'the downlink formatter is untouched');
  });

  it("saves a device's own formatter without touching the application's defaults", async () => {
    const base = await readFormatter(api, device);
    assert.deepEqual(base, { type: 'FORMATTER_NONE' });
    const result = await saveFormatter(api, device, base, SCRIPT, never);
    assert.equal(result.outcome, 'saved');
    assert.deepEqual((await api.getDevice(APP, 'device-0002')).formatters?.up, JS(SCRIPT));
    assert.equal(
      (await api.getApplication(APP))?.up?.parameter,
      'function decodeUplink(input) { return { data: {} }; }',
    );
  });

  describe('when the formatter changed on the server since it was opened', () => {
    let base: FormatterValue;
    const theirs = 'function decodeUplink(input) { return { data: { theirs: true } }; }';
    beforeEach(async () => {
      base = await readFormatter(api, app);
      await api.setApplication(APP, 'up', JS(theirs));
    });

    for (const [choice, outcome] of [
      ['compare', 'compare'],
      ['reload', 'reload'],
      [undefined, 'cancelled'],
    ] as const) {
      it(`${choice ?? 'closing the question'}: nothing is written and the server's version comes back`, async () => {
        const asked: Conflict[] = [];
        const from = f.server.requests.length;
        const result = await saveFormatter(api, app, base, SCRIPT, async (c) => {
          asked.push(c);
          return choice;
        });
        assert.equal(asked.length, 1);
        assert.deepEqual(asked[0].base, base);
        assert.deepEqual(asked[0].server, JS(theirs));
        assert.equal(asked[0].local, SCRIPT);
        assert.deepEqual(result, { outcome, server: JS(theirs) });
        assert.deepEqual(asRequests(from), ['GET /as/applications/{application_ids.application_id}/link'], 'no write');
        assert.equal((await api.getApplication(APP))?.up?.parameter, theirs);
      });
    }

    it('overwrite: the user chose to replace their change', async () => {
      const result = await saveFormatter(api, app, base, SCRIPT, async () => 'overwrite');
      assert.equal(result.outcome, 'saved');
      assert.equal((await api.getApplication(APP))?.up?.parameter, SCRIPT);
    });

    it('a type change on the server is a conflict too', async () => {
      await api.setApplication(APP, 'up', { type: 'FORMATTER_CAYENNELPP' });
      let asked: Conflict | undefined;
      await saveFormatter(api, app, base, SCRIPT, async (c) => {
        asked = c;
        return undefined;
      });
      assert.equal(asked?.server.type, 'FORMATTER_CAYENNELPP');
    });

    it('no question when the server already has exactly the text being saved', async () => {
      const from = f.server.requests.length;
      const result = await saveFormatter(api, app, base, theirs, never);
      assert.equal(result.outcome, 'saved');
      assert.deepEqual(asRequests(from), ['GET /as/applications/{application_ids.application_id}/link']);
    });
  });

  it('refuses a script over the server limit before any request, naming the size', async () => {
    const from = f.server.requests.length;
    const result = await saveFormatter(api, app, JS(''), `// ${'x'.repeat(41_000)}\n`, never);
    assert.equal(result.outcome, 'refused');
    assert.match(result.outcome === 'refused' ? result.message : '', /^Not saved: .*41,004 characters.*40,960/);
    assert.deepEqual(asRequests(from), []);
  });
});
