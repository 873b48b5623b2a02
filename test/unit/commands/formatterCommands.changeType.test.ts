// Change Formatter Type with a scripted Ui against the TTS test server: the question before a script is deleted or a
// device's own formatters hide a default, the types offered, and the rows reloaded.
import { strict as assert } from 'node:assert';
import { changeFormatterType } from '../../../src/commands/formatterType';
import { walk, type Fixture } from '../../support/explorerFixture';
import { APP, DECODER, formatterCommandsEnv, type FormatterCommandsEnv } from './formatterCommands.fixture';

const TEMPLATE = 'function decodeUplink(input) { return { data: {} }; }\n';

describe('formatter commands', () => {
  let f: Fixture;
  let at: FormatterCommandsEnv['at'];
  formatterCommandsEnv((env) => ({ f, at } = env));

  describe('Change Formatter Type', () => {
    it('sets JavaScript from the template when there was no script, and reloads the rows', async () => {
      // device-0002 has no formatters of its own: giving it one replaces the application's CayenneLPP uplink too.
      f.ui.answer(
        { pick: 'JavaScript', expect: /Now: not set \(the application's default applies\)/ },
        { confirm: true, expect: /its uplink formatter becomes None instead of the application's CayenneLPP/ },
      );
      let changes = 0;
      f.model.onDidChange(() => changes++);
      const holder = (await f.model.children(await deviceNodeOf(f, 'device-0002'))).find(
        (n) => n.kind === 'formatters',
      )!;
      await f.model.children(holder);
      const stored = await changeFormatterType(f.ctx, at('device-0002', 'down'), async () => TEMPLATE);
      assert.deepEqual(stored, { type: 'FORMATTER_JAVASCRIPT', parameter: TEMPLATE });
      const device = await f.account.api.formatters.getDevice(APP, 'device-0002');
      assert.deepEqual(device.formatters?.down, stored);
      assert.ok(changes > 0, 'the tree is told');
      const down = (await f.model.children(holder)).find((n) => n.kind === 'formatter' && n.direction === 'down');
      assert.match(
        down?.kind === 'formatter' ? down.description : '',
        /^JavaScript/,
        'the Payload Formatters rows reload',
      );
    });

    it('asks before deleting a script, and keeps it when the user says no', async () => {
      f.server.seed.link(APP, { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: DECODER });
      f.ui.answer({ pick: 'CayenneLPP' }, { confirm: false });
      await assert.rejects(
        changeFormatterType(f.ctx, at(), async () => TEMPLATE),
        { name: 'UserCancelledError' },
      );
      assert.equal((await f.account.api.formatters.getApplication(APP))?.up?.parameter, DECODER);
      f.ui.answer({ pick: 'CayenneLPP' }, { confirm: true });
      await changeFormatterType(f.ctx, at(), async () => TEMPLATE);
      assert.deepEqual((await f.account.api.formatters.getApplication(APP))?.up, { type: 'FORMATTER_CAYENNELPP' });
    });

    it('asks before giving a device formatters of its own that hide a default, and writes nothing on no', async () => {
      f.ui.answer({ pick: 'CayenneLPP' }, { confirm: false });
      await assert.rejects(
        changeFormatterType(f.ctx, at('device-0003', 'down'), async () => TEMPLATE),
        {
          name: 'UserCancelledError',
        },
      );
      assert.equal((await f.account.api.formatters.getDevice(APP, 'device-0003')).formatters, undefined);
    });

    it('offers only the types v3.32.1 runs, and does nothing when the type stays', async () => {
      let items: string[] = [];
      f.ui.answer({ pick: 'CayenneLPP', expect: /Now: CayenneLPP/ });
      const original = f.ui.pick.bind(f.ui);
      f.ui.pick = async (options) => {
        items = options.items.map((i) => i.label);
        return original(options);
      };
      assert.equal(await changeFormatterType(f.ctx, at(), async () => TEMPLATE), undefined);
      assert.deepEqual(items, ['JavaScript', 'CayenneLPP', 'Device Repository', 'None']);
    });
  });
});

async function deviceNodeOf(f: Fixture, deviceId: string) {
  const devices = await walk(
    f,
    'deployment',
    'section:applications',
    'owner:user:alice',
    `application:${APP}`,
    'devices',
  );
  const node = (await f.model.children(devices)).find(
    (n) => n.kind === 'device' && n.device.ids?.device_id === deviceId,
  );
  assert.ok(node);
  return node;
}
