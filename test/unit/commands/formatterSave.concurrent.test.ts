// Saves cannot silently lose a concurrent change (issue 21). TTS has no preconditions, so a save reads, compares and
// writes; the test server's interleave knob lands someone else's write in the gap, as another window or user would.
// After writing, the formatter is read back: a difference is said, with Compare.
import { strict as assert } from 'node:assert';
import {
  deployFormatter,
  pullFormatter,
  type LinkStore,
  type WorkspaceFiles,
} from '../../../src/commands/formatterSync';
import { readFormatter, type FormatterValue } from '../../../src/formatters/deployed';
import type { FormatterLocation } from '../../../src/formatters/location';
import { saveFormatter, type ConflictChoice } from '../../../src/formatters/saveFlow';
import type { FormatterLink } from '../../../src/formatters/syncState';
import type { FormattersApi } from '../../../src/tts/formatters';
import { explorerFixture, type Fixture } from '../../support/explorerFixture';
import { DECODER } from './formatterCommands.fixture';

const APP = 'alice-sensors';
const JS = (body: string): FormatterValue => ({ type: 'FORMATTER_JAVASCRIPT', parameter: body });
const OURS = 'function decodeUplink(input) { return { data: { ours: true } }; }';
const THEIRS = 'function decodeUplink(input) { return { data: { theirs: true } }; }';
const LINK = `/as/applications/${APP}/link`;
const DEVICE = `/as/applications/${APP}/devices/device-0001`;
const never = async (): Promise<ConflictChoice | undefined> => assert.fail('no conflict expected');

describe('saves: a write that lands in the gap is never lost silently', () => {
  let f: Fixture;
  let api: FormattersApi;
  const app: FormatterLocation = { deploymentKey: '', applicationId: APP, direction: 'up' };
  const device: FormatterLocation = { deploymentKey: '', applicationId: APP, deviceId: 'device-0001', direction: 'up' };
  beforeEach(async () => {
    f = await explorerFixture();
    api = f.account.api.formatters;
    f.server.seed.link(APP, { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: DECODER });
  });
  afterEach(async () => f?.close());

  it('someone saves right after us: said, with their version to compare; our version stays the base', async () => {
    const base = await readFormatter(api, app);
    f.server.knobs.interleaveNext({
      when: 'after',
      method: 'PUT',
      path: LINK,
      write: () => api.setApplication(APP, 'up', JS(THEIRS)),
    });
    const result = await saveFormatter(api, app, base, OURS, never);
    assert.equal(f.server.knobs.injected.interleaved, 1);
    assert.deepEqual(result, {
      outcome: 'saved',
      stored: JS(OURS),
      concurrent: {
        server: JS(THEIRS),
        message:
          'The uplink formatter of application alice-sensors changed on the server right after you saved it: it now ' +
          `has JavaScript, ${THEIRS.length} characters, not your version. Compare the two?`,
      },
    });
  });

  it('someone writes both directions between our check and our write: the other direction gives it away', async () => {
    const base = await readFormatter(api, app);
    f.server.knobs.interleaveNext({
      when: 'before',
      method: 'PUT',
      path: LINK,
      write: async () => {
        await api.setApplication(APP, 'up', JS(THEIRS));
        await api.setApplication(APP, 'down', { type: 'FORMATTER_CAYENNELPP' });
      },
    });
    const result = await saveFormatter(api, app, base, OURS, never);
    assert.equal(
      result.outcome === 'saved' && result.concurrent?.message,
      'The uplink formatter of application alice-sensors was saved, but the downlink formatter of application ' +
        'alice-sensors changed on the server at the same time (was None, now CayenneLPP): someone else was writing ' +
        'these formatters, and your save may have replaced their change. Compare the two?',
    );
  });

  it("a device written again right after our save: its updated_at moved past our write's", async () => {
    const base = await readFormatter(api, device);
    f.server.knobs.interleaveNext({
      when: 'after',
      method: 'PUT',
      path: DEVICE,
      write: async () => {
        f.server.clock.advance(1000);
        await api.setDevice(APP, 'device-0001', 'up', JS(OURS)); // the same text: only the timestamp tells
      },
    });
    const result = await saveFormatter(api, device, base, OURS, never);
    assert.ok(result.outcome === 'saved' && result.concurrent, JSON.stringify(result));
    assert.match(
      result.concurrent.message,
      /^The uplink formatter of end device device-0001 \(application alice-sensors\) was saved, but the device was written again on the server right after \(updated at .*Z, your save at .*Z\): check that its formatter is still yours\. Compare the two\?$/,
    );
    assert.deepEqual(result.concurrent.server, JS(OURS));
  });

  it('Deploy from File says so too, and Compare shows their version beside the file', async () => {
    const files = new Map<string, string>();
    const links = new Map<string, FormatterLink>();
    const ws: WorkspaceFiles & LinkStore = {
      check: async () => undefined,
      read: async (path) => files.get(path),
      write: async (path, text) => void files.set(path, text),
      get: (path) => links.get(path),
      set: async (path, link) => void links.set(path, link),
    };
    const at = { ...device, deploymentKey: f.deployment.key };
    const path = await pullFormatter(f.ctx, at, ws, ws);
    f.server.knobs.interleaveNext({
      when: 'after',
      method: 'PUT',
      path: DEVICE,
      write: () => api.setDevice(APP, 'device-0001', 'up', JS(THEIRS)),
    });
    f.ui.messageActions.push([/changed on the server right after you saved it/, 'Compare']);
    assert.deepEqual(await deployFormatter(f.ctx, path, OURS, ws, ws), { outcome: 'compare', server: THEIRS });
    assert.deepEqual(
      f.ui.messages.map((m) => m.level),
      ['warn'],
      'a warning, not "Deployed"',
    );
  });
});
