// Pull to Workspace, Deploy from File and Compare with Deployed against the TTS test server, with the workspace and
// its links in memory: the link (ids and a hash), the questions before local or server changes are replaced.
import { strict as assert } from 'node:assert';
import {
  deployedText,
  deployFormatter,
  pullFormatter,
  type LinkStore,
  type WorkspaceFiles,
} from '../../../src/commands/formatterSync';
import { withEditorTypes } from '../../../src/formatters/editorTypes';
import type { FormatterLink } from '../../../src/formatters/syncState';
import type { Fixture } from '../../support/explorerFixture';
import { APP, DECODER, formatterCommandsEnv, type FormatterCommandsEnv } from './formatterCommands.fixture';

describe('formatter commands', () => {
  let f: Fixture;
  let at: FormatterCommandsEnv['at'];
  formatterCommandsEnv((env) => ({ f, at } = env));

  describe('Pull to Workspace, Deploy from File, Compare with Deployed', () => {
    class Memory implements LinkStore, WorkspaceFiles {
      readonly files = new Map<string, string>();
      readonly links = new Map<string, FormatterLink>();
      get = (path: string): FormatterLink | undefined => this.links.get(path);
      set = async (path: string, link: FormatterLink): Promise<void> => {
        this.links.set(path, link);
      };
      check = async (): Promise<void> => undefined;
      read = async (path: string): Promise<string | undefined> => this.files.get(path);
      write = async (path: string, text: string): Promise<void> => {
        this.files.set(path, text);
      };
    }
    const PATH = 'ttn/alice-sensors/devices/device-0001/uplink.js';
    let ws: Memory;
    beforeEach(() => {
      ws = new Memory();
    });

    it('pulls a JavaScript formatter to ttn/<app>/devices/<dev>/uplink.js and links it (ids and a hash only)', async () => {
      assert.equal(await pullFormatter(f.ctx, at('device-0001'), ws, ws), PATH);
      assert.equal(ws.files.get(PATH), withEditorTypes(DECODER), 'the script, its entry function typed for the editor');
      const link = ws.links.get(PATH);
      assert.deepEqual(Object.keys(link ?? {}).sort(), [
        'applicationId',
        'deployedHash',
        'deployment',
        'deviceId',
        'direction',
      ]);
      assert.equal(link?.deployment, f.deployment.key);
      assert.match(link?.deployedHash ?? '', /^[0-9a-f]{64}$/);
    });

    it('refuses to pull a formatter that is not JavaScript, saying which type it is', async () => {
      await assert.rejects(pullFormatter(f.ctx, at(), ws, ws), /application alice-sensors is CayenneLPP/);
    });

    it('asks before a pull replaces local changes', async () => {
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      ws.files.set(PATH, '// my work\n');
      f.ui.answer({ confirm: false });
      await assert.rejects(pullFormatter(f.ctx, at('device-0001'), ws, ws), { name: 'UserCancelledError' });
      assert.equal(ws.files.get(PATH), '// my work\n');
    });

    it('deploys a changed file with one read, one write and a read-back; in sync needs no write', async () => {
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      const edited = DECODER.replace('/ 100', '/ 10');
      let from = f.server.requests.length;
      assert.deepEqual(await deployFormatter(f.ctx, PATH, edited, ws, ws), { outcome: 'deployed' });
      assert.deepEqual(
        f.server.requests.slice(from).map((r) => r.method),
        ['GET', 'PUT', 'GET'],
      );
      assert.equal((await f.account.api.formatters.getDevice(APP, 'device-0001')).formatters?.up?.parameter, edited);
      from = f.server.requests.length;
      assert.deepEqual(await deployFormatter(f.ctx, PATH, edited, ws, ws), { outcome: 'in-sync' });
      assert.deepEqual(
        f.server.requests.slice(from).map((r) => r.method),
        ['GET'],
      );
    });

    it('never overwrites a change on the server silently: Compare, Pull or Overwrite', async () => {
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      const api = f.account.api.formatters;
      const theirs = `${DECODER}\n// theirs\n`;
      await api.setDevice(APP, 'device-0001', 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: theirs });
      const mine = `${DECODER}\n// mine\n`;
      f.ui.messageActions.push([/changed locally and on the server/, 'Compare']);
      assert.deepEqual(await deployFormatter(f.ctx, PATH, mine, ws, ws), { outcome: 'compare', server: theirs });
      assert.equal((await api.getDevice(APP, 'device-0001')).formatters?.up?.parameter, theirs, 'not written');
      assert.equal(await deployedText(f.ctx, PATH, ws), theirs);
      f.ui.messageActions.unshift([/changed locally and on the server/, 'Pull']);
      assert.deepEqual(await deployFormatter(f.ctx, PATH, mine, ws, ws), { outcome: 'pulled' });
      assert.equal(ws.files.get(PATH), withEditorTypes(theirs));
      await api.setDevice(APP, 'device-0001', 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: DECODER });
      f.ui.messageActions.unshift([/changed on the server since/, 'Overwrite']);
      assert.deepEqual(await deployFormatter(f.ctx, PATH, theirs, ws, ws), { outcome: 'deployed' });
      assert.equal((await api.getDevice(APP, 'device-0001')).formatters?.up?.parameter, theirs);
    });

    it('links a file at a formatter path on first use (a fresh clone) and asks before replacing the server version', async () => {
      const path = 'ttn/alice-sensors/devices/device-0001/uplink.js';
      const mine = `${DECODER}\n// from the repository\n`;
      f.ui.messageActions.push([/changed locally and on the server/, 'Overwrite']);
      assert.deepEqual(await deployFormatter(f.ctx, path, mine, ws, ws), { outcome: 'deployed' });
      const link = ws.links.get(path);
      assert.equal(link?.deployment, f.deployment.key);
      assert.equal(link?.deviceId, 'device-0001');
      assert.equal(link?.direction, 'up');
      assert.equal((await f.account.api.formatters.getDevice(APP, 'device-0001')).formatters?.up?.parameter, mine);
      assert.ok(
        f.ui.messages.some((m) => /changed locally and on the server/.test(m.text)),
        'asked first: nothing is known about what was deployed',
      );
    });

    it('refuses an unlinked file and a script over the limit, before any request', async () => {
      await assert.rejects(deployFormatter(f.ctx, 'ttn/x/uplink.js', DECODER, ws, ws), /Pull to Workspace/);
      await pullFormatter(f.ctx, at('device-0001'), ws, ws);
      const from = f.server.requests.length;
      await assert.rejects(
        deployFormatter(f.ctx, PATH, 'x'.repeat(40_961), ws, ws),
        /Not deployed: .*40,961 characters/,
      );
      assert.equal(f.server.requests.length, from);
    });
  });
});
