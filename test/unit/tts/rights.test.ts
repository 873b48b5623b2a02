import { strict as assert } from 'node:assert';
import {
  ALL_RIGHTS,
  explain,
  groupOf,
  implied,
  isPseudoRight,
  missingRights,
  rightLabel,
  rightsOfGroup,
  summarise,
} from '../../../src/tts/rights';

describe('rights: the Right enum from the contract', () => {
  it('has every right of the enum except the invalid zero value', () => {
    assert.ok(ALL_RIGHTS.includes('RIGHT_APPLICATION_INFO'));
    assert.ok(ALL_RIGHTS.includes('RIGHT_CLIENT_DELETE'));
    assert.ok(!ALL_RIGHTS.some((r) => r.toLowerCase() === 'right_invalid'));
    assert.equal(new Set(ALL_RIGHTS).size, ALL_RIGHTS.length);
  });

  it('groups by name prefix', () => {
    assert.equal(groupOf('RIGHT_USER_INFO'), 'user');
    assert.equal(groupOf('RIGHT_APPLICATION_DEVICES_READ'), 'application');
    assert.equal(groupOf('RIGHT_CLIENT_ALL'), 'client');
    assert.equal(groupOf('RIGHT_SEND_INVITES'), 'other');
    assert.equal(groupOf('RIGHT_ALL'), 'other');
  });

  it('knows the pseudo-rights', () => {
    assert.ok(isPseudoRight('RIGHT_ALL'));
    assert.ok(isPseudoRight('RIGHT_APPLICATION_ALL'));
    assert.ok(!isPseudoRight('RIGHT_APPLICATION_INFO'));
    assert.ok(!rightsOfGroup('application').includes('RIGHT_APPLICATION_ALL'));
  });

  it("carries the enum's explanations and readable labels", () => {
    assert.equal(explain('RIGHT_APPLICATION_INFO'), 'The right to view application information.');
    assert.equal(rightLabel('RIGHT_APPLICATION_DEVICES_READ'), 'Devices read');
  });

  it('expands pseudo-rights and stated implications like TTS Implied()', () => {
    assert.deepEqual(
      implied(['RIGHT_CLIENT_ALL']).filter((r) => !isPseudoRight(r)),
      [
        'RIGHT_CLIENT_INFO',
        'RIGHT_CLIENT_SETTINGS_BASIC',
        'RIGHT_CLIENT_SETTINGS_COLLABORATORS',
        'RIGHT_CLIENT_DELETE',
      ],
    );
    assert.deepEqual(implied(['RIGHT_APPLICATION_LINK']), [
      'RIGHT_APPLICATION_INFO',
      'RIGHT_APPLICATION_TRAFFIC_READ',
      'RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE',
      'RIGHT_APPLICATION_LINK',
    ]);
    assert.deepEqual(implied(['RIGHT_GATEWAY_LINK']), ['RIGHT_GATEWAY_INFO', 'RIGHT_GATEWAY_LINK']);
    assert.equal(implied(['RIGHT_ALL']).length, ALL_RIGHTS.length);
    assert.deepEqual(implied(['NOT_A_RIGHT']), []);
  });

  it('names what is missing', () => {
    assert.deepEqual(missingRights(['RIGHT_APPLICATION_ALL'], ['RIGHT_APPLICATION_INFO']), []);
    assert.deepEqual(
      missingRights(['RIGHT_APPLICATION_INFO'], ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_DELETE']),
      ['RIGHT_APPLICATION_DELETE'],
    );
  });

  it('summarises rights per group with counts', () => {
    const groups = summarise(['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_DELETE', 'RIGHT_CLIENT_ALL']);
    const app = groups.find((g) => g.group === 'application');
    const client = groups.find((g) => g.group === 'client');
    assert.equal(app?.held, 2);
    assert.equal(app?.total, rightsOfGroup('application').length);
    assert.equal(app?.all, false);
    assert.equal(client?.held, client?.total);
    assert.equal(client?.all, true);
    assert.equal(
      groups.find((g) => g.group === 'gateway'),
      undefined,
    );
  });
});
