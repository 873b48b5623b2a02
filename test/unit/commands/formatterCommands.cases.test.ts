// Formatter test cases run on the TTS test server: the device a case runs on, and each case judged (pass, a difference
// with expected and actual, expected errors, an uplink or a downlink).
import { strict as assert } from 'node:assert';
import { caseDevice, formatterErrors, runCase } from '../../../src/commands/formatterCases';
import type { FormatterLocation } from '../../../src/formatters/location';
import type { Fixture } from '../../support/explorerFixture';
import { APP, DECODER, formatterCommandsEnv } from './formatterCommands.fixture';

describe('formatter test cases on the server', () => {
  let f: Fixture;
  formatterCommandsEnv((env) => ({ f } = env));
  const location: Omit<FormatterLocation, 'deploymentKey'> = { applicationId: APP, direction: 'up' };

  it('runs each case with the given script and judges it: pass, a difference with expected/actual, expected errors', async () => {
    const api = f.account.api.formatters;
    const at = { ...location, deploymentKey: f.deployment.key };
    const device = await caseDevice(f.account.api, at);
    assert.equal(device, 'device-0001', "an application's formatter runs on its first device");
    const pass = await runCase(api, at, device, DECODER, {
      name: 'ok',
      direction: 'uplink',
      fPort: 1,
      bytes: '09 29 80',
      expect: { data: { temperature: 23.45, humidity: 64 }, warnings: [] },
    });
    assert.deepEqual(pass, { name: 'ok', passed: true });
    const fail = await runCase(api, at, device, DECODER, {
      name: 'wrong',
      direction: 'uplink',
      fPort: 1,
      bytes: 'CSmA',
      expect: { data: { temperature: 20, humidity: 64 } },
    });
    assert.equal(fail.passed, false);
    assert.match(fail.message ?? '', /data\.temperature: expected 20, got 23\.45/);
    assert.match(fail.expected ?? '', /"temperature": 20/);
    assert.match(fail.actual ?? '', /"temperature": 23\.45/);
    const errors = await runCase(api, at, device, DECODER, {
      name: 'short',
      direction: 'uplink',
      fPort: 1,
      bytes: '09',
      expect: { errors: ['expected 3 bytes, got 1'] },
    });
    assert.deepEqual(errors, { name: 'short', passed: true });
    const thrown = await runCase(api, at, device, 'function decodeUplink() { throw new Error("boom"); }', {
      name: 'throws',
      direction: 'uplink',
      fPort: 1,
      bytes: '',
      expect: { data: {} },
    });
    assert.match(thrown.message ?? '', /boom/);
  });

  it('encodes a downlink case and compares the bytes', async () => {
    const at = { ...location, direction: 'down' as const, deploymentKey: f.deployment.key };
    const outcome = await runCase(
      f.account.api.formatters,
      at,
      'device-0002',
      'function encodeDownlink(input) { return { bytes: [input.data.level], fPort: 2 }; }',
      { name: 'level', direction: 'downlink-encode', fPort: 2, data: { level: 7 }, expect: { bytes: '07', fPort: 2 } },
    );
    assert.deepEqual(outcome, { name: 'level', passed: true });
  });

  it('names the formatter errors a case can expect, and none for other errors', () => {
    assert.equal(formatterErrors(new Error('network')), undefined);
  });
});
