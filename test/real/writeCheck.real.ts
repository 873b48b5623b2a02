// What the read-back after a save relies on, on the real TTS (issue 21, item 7): the AS link has no timestamps (its
// content is compared), a device's updated_at moves with every write, even of the same text; and writeChecked sees
// a write that lands right after its own on the real server.
import { strict as assert } from 'node:assert';
import { readState, type FormatterValue } from '../../src/formatters/deployed';
import type { FormatterLocation } from '../../src/formatters/location';
import { writeChecked } from '../../src/formatters/writeCheck';
import type { Direction, Formatter, FormattersApi } from '../../src/tts/formatters';
import { adminApi, env, uniqueId } from './env';

const JS = (body: string): FormatterValue => ({ type: 'FORMATTER_JAVASCRIPT', parameter: body });
const OURS = 'function decodeUplink(input) { return { data: { ours: true } }; }';
const THEIRS = 'function decodeUplink(input) { return { data: { theirs: true } }; }';

describe('real TTS: a save reads the formatter back', () => {
  const api = adminApi();
  const appId = uniqueId('save');
  const deviceId = 'dev-1';
  before(async () => {
    await api.applications.create({ kind: 'user', id: env.user }, { ids: { application_id: appId } });
  });
  after(async () => {
    await api.http.request('DELETE', `/as/applications/${appId}/devices/${deviceId}`).catch(() => undefined);
    await api.http.request('DELETE', `/as/applications/${appId}/link`).catch(() => undefined);
    await api.applications.delete(appId).catch(() => undefined);
    await api.applications.purge(appId).catch(() => undefined);
  });

  /** The real formatters API, with someone else's write right after each of ours. */
  const racing = (after: (real: FormattersApi) => Promise<unknown>): FormattersApi => {
    const real = api.formatters;
    return Object.assign(Object.create(real) as FormattersApi, {
      setApplication: async (app: string, direction: Direction, value: Formatter) => {
        const stored = await real.setApplication(app, direction, value);
        await after(real);
        return stored;
      },
      setDevice: async (app: string, dev: string, direction: Direction, value: Formatter) => {
        const stored = await real.setDevice(app, dev, direction, value);
        await after(real);
        return stored;
      },
    });
  };

  it('the link: no timestamps; a write right after ours is seen by its content', async () => {
    const app: FormatterLocation = { deploymentKey: '', applicationId: appId, direction: 'up' };
    await api.formatters.setApplication(appId, 'up', JS(OURS));
    const { data } = await api.http.request<Record<string, unknown>>('GET', `/as/applications/${appId}/link`, {
      query: { field_mask: 'default_formatters' },
    });
    assert.deepEqual(Object.keys(data), ['default_formatters'], 'no created_at / updated_at on the link');
    const before = await readState(api.formatters, app);
    const result = await writeChecked(
      racing((real) => real.setApplication(appId, 'up', JS(THEIRS))),
      app,
      before,
      JS(OURS),
    );
    assert.deepEqual(result.concurrent?.server, JS(THEIRS));
    assert.match(result.concurrent?.message ?? '', /changed on the server right after you saved it/);
    const quiet = await writeChecked(api.formatters, app, await readState(api.formatters, app), JS(OURS));
    assert.equal(quiet.concurrent, undefined, 'no write meanwhile: nothing to say');
  });

  it('a device: the same text written again right after moves updated_at, and that is seen', async () => {
    const device: FormatterLocation = { deploymentKey: '', applicationId: appId, deviceId, direction: 'up' };
    const first = await api.formatters.setDevice(appId, deviceId, 'up', JS(OURS));
    const again = await api.formatters.setDevice(appId, deviceId, 'up', JS(OURS));
    assert.ok(
      first.updatedAt && again.updatedAt && again.updatedAt !== first.updatedAt,
      'every write moves updated_at',
    );
    const before = await readState(api.formatters, device);
    assert.equal(before.updatedAt, again.updatedAt, 'a read answers the updated_at of the last write');
    const result = await writeChecked(
      racing((real) => real.setDevice(appId, deviceId, 'up', JS(OURS))),
      device,
      before,
      JS(OURS),
    );
    assert.match(result.concurrent?.message ?? '', /the device was written again on the server right after/);
    const quiet = await writeChecked(api.formatters, device, await readState(api.formatters, device), JS(OURS));
    assert.equal(quiet.concurrent, undefined);
  });
});
