// Commands whose code loads on first use: the table loads once (on the first run, not before), every command then
// runs behind the same boundary with its entry's rights, and a failed load is reported and tried again.
import { strict as assert } from 'node:assert';
import { lazyTable, runLazyCommand, type CommandTable } from '../../../src/commands/lazy';
import { ttsErrorFrom } from '../../../src/tts/errors';
import { ScriptedUi } from '../../support/scriptedUi';

function harness(load: () => Promise<CommandTable>) {
  const ui = new ScriptedUi();
  const logs: string[] = [];
  const deps = {
    ui,
    log: { warn: (m: string) => logs.push(`warn ${m}`), error: (m: string | Error) => logs.push(`error ${String(m)}`) },
  };
  const entry = lazyTable(load);
  return { ui, logs, run: (id: string, ...args: unknown[]) => runLazyCommand(id, args, entry, deps) };
}

describe('lazily loaded command tables', () => {
  it('loads the table on the first run only, once for concurrent and later runs, and passes the arguments', async () => {
    let loads = 0;
    const calls: string[] = [];
    const h = harness(async () => {
      loads++;
      return {
        'x.a': async (...args: unknown[]) => calls.push(`a ${args.join(',')}`),
        'x.b': async () => calls.push('b'),
      };
    });
    assert.equal(loads, 0, 'nothing loads before a command runs');
    await Promise.all([h.run('x.a', 1, 2), h.run('x.b')]);
    await h.run('x.a', 3);
    assert.equal(loads, 1);
    assert.deepEqual(calls.sort(), ['a 1,2', 'a 3', 'b']);
    assert.deepEqual(h.ui.messages, []);
  });

  it('runs an entry behind the boundary with its own rights', async () => {
    const h = harness(async () => [
      {
        id: 'x.delete',
        rights: ['RIGHT_APPLICATION_DELETE'],
        handler: async () => {
          throw ttsErrorFrom(403, {
            code: 7,
            details: [
              {
                namespace: 'pkg/auth/rights',
                name: 'no_application_rights',
                message_format: 'no rights for application `{uid}`',
                attributes: { uid: 'app1' },
                correlation_id: 'c2',
              },
            ],
          });
        },
      },
    ]);
    await h.run('x.delete');
    assert.match(
      h.ui.messages[0].text,
      /^no rights for application "app1"\. You need RIGHT_APPLICATION_DELETE .*\(correlation id c2\)$/,
    );
  });

  it('reports a table that fails to load, and loads it again on the next run', async () => {
    let loads = 0;
    let ran = 0;
    const h = harness(async () => {
      if (++loads === 1) {
        throw new Error('Cannot find module ./chunks/table.js');
      }
      return { 'x.a': async () => ran++ };
    });
    await h.run('x.a');
    assert.equal(h.ui.messages.length, 1);
    assert.equal(h.ui.messages[0].level, 'error');
    assert.match(h.logs[0], /^error x\.a failed unexpectedly: Error: Cannot find module \.\/chunks\/table\.js/);
    await h.run('x.a');
    assert.equal(loads, 2);
    assert.equal(ran, 1);
  });

  it('says so when the table lacks a registered id', async () => {
    const h = harness(async () => ({ 'x.a': async () => undefined }));
    await h.run('x.missing');
    assert.match(h.logs[0], /x\.missing failed unexpectedly: Error: The command x\.missing has no handler\./);
  });
});
