import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { contentHash, syncState, workspacePath, type FormatterLink } from '../../../src/formatters/syncState';

const deployed = 'function decodeUplink(input) {\n  return { data: {} };\n}\n';

function link(text = deployed): FormatterLink {
  return { deployment: 'eu1', applicationId: 'app-1', direction: 'up', deployedHash: contentHash(text) };
}

describe('contentHash', () => {
  it('is the sha256 of the text with \\n line endings', () => {
    assert.equal(contentHash('a\nb'), createHash('sha256').update('a\nb').digest('hex'));
    assert.equal(contentHash('a\r\nb'), contentHash('a\nb'));
    assert.equal(contentHash('a\rb'), contentHash('a\nb'));
    assert.notEqual(contentHash('a\nb'), contentHash('a\nb\n'));
    assert.notEqual(contentHash('é'), contentHash('e'));
  });
});

describe('syncState', () => {
  const edited = deployed.replace('{}', '{ x: 1 }');
  const serverEdit = deployed.replace('{}', '{ y: 2 }');

  it('tells all four states apart', () => {
    assert.equal(syncState(link(), deployed, deployed), 'in-sync');
    assert.equal(syncState(link(), edited, deployed), 'changed-locally');
    assert.equal(syncState(link(), deployed, serverEdit), 'changed-on-server');
    assert.equal(syncState(link(), edited, serverEdit), 'both-changed');
  });

  it('counts a CRLF checkout as unchanged', () => {
    assert.equal(syncState(link(), deployed.replace(/\n/g, '\r\n'), deployed), 'in-sync');
  });

  it('is in sync when both sides changed to the same text', () => {
    assert.equal(syncState(link(), edited, edited), 'in-sync');
  });

  it('counts a formatter gone from the server (or no longer JavaScript) as a change there', () => {
    assert.equal(syncState(link(), deployed, undefined), 'changed-on-server');
    assert.equal(syncState(link(), edited, undefined), 'both-changed');
  });
});

describe('workspacePath', () => {
  it('puts application and device formatters under ttn/', () => {
    assert.equal(workspacePath('app-1', 'up'), 'ttn/app-1/uplink.js');
    assert.equal(workspacePath('app-1', 'down'), 'ttn/app-1/downlink.js');
    assert.equal(workspacePath('app-1', 'up', 'dev-9'), 'ttn/app-1/devices/dev-9/uplink.js');
  });

  it('refuses IDs that could leave the folder', () => {
    assert.throws(() => workspacePath('../etc', 'up'), /"\.\.\/etc" is not a valid application ID/);
    assert.throws(() => workspacePath('app', 'up', 'a/b'), /"a\/b" is not a valid device ID/);
    assert.throws(() => workspacePath('App', 'up'), /not a valid application ID/);
  });
});
