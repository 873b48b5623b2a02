// The path of a formatter document names its deployment, application, device and direction, and nothing else.
import { strict as assert } from 'node:assert';
import {
  describeLocation,
  formatterPath,
  parseFormatterPath,
  parseWorkspacePath,
  sameLocation,
  type FormatterLocation,
} from '../../../src/formatters/location';

describe('formatter document paths', () => {
  const cases: FormatterLocation[] = [
    { deploymentKey: 'eu1.cloud.thethings.network', applicationId: 'app-1', direction: 'up' },
    { deploymentKey: '[::1]:41234', applicationId: 'app-1', deviceId: 'dev-1', direction: 'down' },
    { deploymentKey: 'tts.example.com/stack', applicationId: 'a1', deviceId: 'd2', direction: 'up' },
  ];

  it('round-trips every location, ending in uplink.js / downlink.js so JavaScript applies', () => {
    for (const location of cases) {
      const path = formatterPath(location);
      assert.match(path, location.direction === 'up' ? /\/uplink\.js$/ : /\/downlink\.js$/);
      assert.deepEqual(parseFormatterPath(path), location, path);
    }
    assert.equal(
      formatterPath(cases[1]),
      '/[::1]:41234/app-1/devices/dev-1/downlink.js',
      'a host and port read as typed in breadcrumbs',
    );
    assert.equal(
      formatterPath(cases[2]),
      '/tts.example.com%2Fstack/a1/devices/d2/uplink.js',
      'a path prefix stays one segment',
    );
    const escaped = { ...cases[0], deploymentKey: 'tts.example.com/a%20b' };
    assert.deepEqual(parseFormatterPath(formatterPath(escaped)), escaped, 'a % in a path prefix survives');
    assert.deepEqual(
      parseFormatterPath(`/${encodeURIComponent('[::1]:41234')}/app-1/devices/dev-1/downlink.js`),
      cases[1],
      'the fully escaped path of an editor restored from before',
    );
  });

  it('names no formatter for folders, other files or malformed ids', () => {
    for (const path of [
      '/',
      '/eu1',
      '/eu1/app-1',
      '/eu1/app-1/devices',
      '/eu1/app-1/other.js',
      '/eu1/App_1/uplink.js',
      '/eu1/app-1/things/dev-1/uplink.js',
      '/eu1/app-1/devices/dev-1/extra/uplink.js',
      '//app-1/uplink.js',
      '/%E0%A4%A/app-1/uplink.js',
    ]) {
      assert.equal(parseFormatterPath(path), undefined, path);
    }
  });

  it('describes a location in words and compares locations', () => {
    assert.equal(describeLocation(cases[0]), 'the uplink formatter of application app-1');
    assert.equal(describeLocation(cases[1]), 'the downlink formatter of end device dev-1 (application app-1)');
    assert.ok(sameLocation(cases[1], { ...cases[1] }));
    assert.ok(!sameLocation(cases[1], { ...cases[1], direction: 'up' }));
    assert.ok(!sameLocation(cases[1], { ...cases[1], deviceId: undefined }));
  });

  it('reads where a workspace file is deployed from its path (ttn/<app>/[devices/<dev>/]uplink.js), nothing else', () => {
    assert.deepEqual(parseWorkspacePath('ttn/app-1/uplink.js'), { applicationId: 'app-1', direction: 'up' });
    assert.deepEqual(parseWorkspacePath('ttn/app-1/devices/dev-1/downlink.js'), {
      applicationId: 'app-1',
      deviceId: 'dev-1',
      direction: 'down',
    });
    for (const path of [
      'app-1/uplink.js',
      'ttn/app-1/other.js',
      'ttn/app-1/uplink.tests.json',
      'ttn/App-1/uplink.js',
      'ttn/../x/uplink.js',
      'ttn/app-1/devices/uplink.js',
      'src/ttn/app-1/uplink.js',
    ]) {
      assert.equal(parseWorkspacePath(path), undefined, path);
    }
  });
});
