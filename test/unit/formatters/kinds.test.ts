import { strict as assert } from 'node:assert';
import { formatterInEffect, formatterLabel, SETTABLE_TYPES } from '../../../src/formatters/kinds';
import type { DeviceFormatters, FormatterPair } from '../../../src/tts/formatters';

const js = { type: 'FORMATTER_JAVASCRIPT' as const, parameter: 'function decodeUplink(i){return {data:{}}}' };
const lpp = { type: 'FORMATTER_CAYENNELPP' as const };
const repo = { type: 'FORMATTER_REPOSITORY' as const };
const none = { type: 'FORMATTER_NONE' as const };
const fullVersion = { brand_id: 'dragino', model_id: 'laq4', firmware_version: '1.1', band_id: 'EU_863_870' };

function device(formatters: FormatterPair | undefined, versionIds?: DeviceFormatters['versionIds']): DeviceFormatters {
  return { formatters, versionIds };
}

describe('formatter kinds', () => {
  it('labels every type the contract knows, and undefined as None', () => {
    assert.equal(formatterLabel('FORMATTER_JAVASCRIPT'), 'JavaScript');
    assert.equal(formatterLabel('FORMATTER_CAYENNELPP'), 'CayenneLPP');
    assert.equal(formatterLabel('FORMATTER_REPOSITORY'), 'Device Repository');
    assert.equal(formatterLabel('FORMATTER_GRPC_SERVICE'), 'gRPC service');
    assert.equal(formatterLabel('FORMATTER_NONE'), 'None');
    assert.equal(formatterLabel(undefined), 'None');
  });

  it('offers the types v3.32.1 can run, not the unregistered gRPC service', () => {
    assert.deepEqual(
      [...SETTABLE_TYPES].sort(),
      ['FORMATTER_CAYENNELPP', 'FORMATTER_JAVASCRIPT', 'FORMATTER_NONE', 'FORMATTER_REPOSITORY'].sort(),
    );
  });
});

describe('formatterInEffect (pkg/applicationserver/payload.go of v3.32.1)', () => {
  it('uses the device formatter over the application default', () => {
    const r = formatterInEffect('up', device({ up: lpp }), { up: js });
    assert.equal(r.type, 'FORMATTER_CAYENNELPP');
    assert.equal(r.source, 'device');
    assert.match(r.why, /replaces the application's default \(JavaScript\)/);
    assert.equal(r.problem, undefined);
  });

  it('falls back to the application default only when the device has no formatters message', () => {
    const r = formatterInEffect('down', device(undefined), { up: js, down: lpp });
    assert.equal(r.type, 'FORMATTER_CAYENNELPP');
    assert.equal(r.source, 'application');
    assert.match(r.why, /device has no formatters of its own/);
  });

  it('treats a device formatter of NONE as an override, and says the application default is not used', () => {
    const r = formatterInEffect('up', device({ up: none, down: lpp }), { up: js });
    assert.equal(r.type, 'FORMATTER_NONE');
    assert.equal(r.source, 'device');
    assert.match(r.problem ?? '', /default uplink formatter \(JavaScript\) is not used/);
  });

  it('treats the direction a device leaves out as NONE: device formatters replace both directions', () => {
    const r = formatterInEffect('down', device({ up: js }), { up: lpp, down: lpp });
    assert.equal(r.type, 'FORMATTER_NONE');
    assert.equal(r.source, 'device');
    assert.match(r.problem ?? '', /downlink formatter \(CayenneLPP\) is not used/);
    // an empty formatters message is still the device's: nothing runs
    const empty = formatterInEffect('up', device({}), { up: js });
    assert.equal(empty.type, 'FORMATTER_NONE');
    assert.equal(empty.source, 'device');
  });

  it('reports no problem when the device sets NONE and the application has no default either', () => {
    const r = formatterInEffect('up', device({ up: none }), undefined);
    assert.equal(r.source, 'device');
    assert.equal(r.problem, undefined);
    assert.match(r.why, /not decoded/);
  });

  it('says nothing runs when neither sets one (no link, or a link default of NONE)', () => {
    for (const app of [undefined, {}, { up: none }]) {
      const r = formatterInEffect('up', device(undefined), app);
      assert.equal(r.type, 'FORMATTER_NONE');
      assert.equal(r.source, 'none');
      assert.equal(r.problem, undefined);
    }
  });

  it('answers for the application itself when no device is given', () => {
    assert.equal(formatterInEffect('up', undefined, { up: js }).source, 'application');
    const r = formatterInEffect('down', undefined, { up: js });
    assert.equal(r.source, 'none');
    assert.match(r.why, /no default downlink formatter/);
    // the repository's need for version IDs is per device: no problem at application level
    assert.equal(formatterInEffect('up', undefined, { up: repo }).problem, undefined);
  });

  it('needs all four version IDs for the Device Repository, from the device or via the application default', () => {
    const noIds = formatterInEffect('up', device({ up: repo }), undefined);
    assert.equal(noIds.type, 'FORMATTER_REPOSITORY');
    assert.match(noIds.problem ?? '', /has none.*no version identifiers/);
    const partial = formatterInEffect('up', device(undefined, { brand_id: 'dragino', model_id: 'laq4' }), {
      up: repo,
    });
    assert.equal(partial.source, 'application');
    assert.match(partial.problem ?? '', /lacks firmware_version, band_id/);
    assert.equal(formatterInEffect('up', device({ up: repo }, fullVersion), undefined).problem, undefined);
  });

  it('flags a gRPC service formatter, which v3.32.1 does not run', () => {
    const r = formatterInEffect('up', device({ up: { type: 'FORMATTER_GRPC_SERVICE' } }), undefined);
    assert.equal(r.type, 'FORMATTER_GRPC_SERVICE');
    assert.match(r.problem ?? '', /formatter not configured/);
  });
});
