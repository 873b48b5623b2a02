// The rights picker: items grouped by entity with "all" rights first and spelled out, presets, and the prompt flow.
import { strict as assert } from 'node:assert';
import { ALL_RIGHTS, isPseudoRight, rightsOfGroup } from '../../../src/tts/rights';
import {
  PRESETS,
  compactRights,
  pickRights,
  pseudoDetail,
  pseudoLabel,
  rightsInScope,
  rightsPickItems,
} from '../../../src/ui/rightsPicker';
import { ScriptedUi } from '../../support/scriptedUi';

describe('rights picker', () => {
  it('groups client rights by entity, each group headed by a separator and its "all" right', () => {
    const items = rightsPickItems('client', []);
    const separators = items.filter((i) => i.separator).map((i) => i.label);
    assert.deepEqual(separators, [
      'User rights',
      'Application rights',
      'OAuth client rights',
      'Gateway rights',
      'Organization rights',
      'Other rights',
    ]);
    const app = items.findIndex((i) => i.label === 'Application rights');
    assert.equal(items[app + 1].value, 'RIGHT_APPLICATION_ALL');
    assert.equal(items[app + 1].label, 'All Application Rights');
    assert.match(
      items[app + 1].detail ?? '',
      /^Every current and future application right: Info, Settings basic, .*Link\.$/,
    );
    assert.equal(items.filter((i) => !i.separator).length, ALL_RIGHTS.length, 'every right of the enum is offered');
  });

  it('offers only application rights for API keys and application collaborators, client rights for client collaborators', () => {
    assert.ok(rightsInScope('application').every((r) => r.startsWith('RIGHT_APPLICATION_')));
    assert.ok(rightsInScope('clientCollaborator').every((r) => r.startsWith('RIGHT_CLIENT_')));
    assert.equal(
      rightsPickItems('application', []).filter((i) => !i.separator).length,
      rightsOfGroup('application').length + 1,
    );
  });

  it("explains every right with the enum's own text and pre-selects the current ones", () => {
    const items = rightsPickItems('application', ['RIGHT_APPLICATION_INFO']);
    const info = items.find((i) => !i.separator && i.value === 'RIGHT_APPLICATION_INFO');
    assert.equal(info?.detail, 'The right to view application information.');
    assert.equal(info?.picked, true);
    assert.equal(items.filter((i) => i.picked).length, 1);
  });

  it('spells out RIGHT_ALL', () => {
    assert.equal(pseudoLabel('RIGHT_ALL'), 'All Rights');
    assert.match(pseudoDetail('RIGHT_ALL'), /every current and future right on every entity/i);
  });

  it('drops rights an "all" right already covers', () => {
    assert.deepEqual(compactRights(['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_ALL', 'RIGHT_USER_INFO']), [
      'RIGHT_USER_INFO',
      'RIGHT_APPLICATION_ALL',
    ]);
    assert.deepEqual(compactRights(['RIGHT_USER_INFO', 'RIGHT_ALL']), ['RIGHT_ALL']);
    assert.deepEqual(compactRights(['RIGHT_APPLICATION_LINK', 'RIGHT_APPLICATION_INFO']), [
      'RIGHT_APPLICATION_INFO',
      'RIGHT_APPLICATION_LINK',
    ]);
  });

  it('has presets for common roles, made of real rights in scope', () => {
    for (const [scope, presets] of Object.entries(PRESETS)) {
      assert.ok(presets.length >= 3, scope);
      for (const preset of presets) {
        assert.ok(
          preset.rights.every((r) => ALL_RIGHTS.includes(r)),
          preset.label,
        );
      }
    }
    assert.ok(PRESETS.application.every((p) => p.rights.every((r) => rightsInScope('application').includes(r))));
    assert.ok(PRESETS.application.some((p) => p.rights.some(isPseudoRight)));
  });

  describe('flow', () => {
    it('returns a preset', async () => {
      const ui = new ScriptedUi([{ pick: 'Read Only' }]);
      assert.deepEqual(await pickRights(ui, { title: 'T', scope: 'application' }), PRESETS.application[0].rights);
      ui.assertDone();
    });

    it('picks individually, refuses an empty selection with a validation message, and goes back to the presets', async () => {
      const ui = new ScriptedUi([
        { pick: 'Choose Individually…' },
        { back: true },
        { pick: 'Choose Individually…' },
        { pickMany: [], invalid: /^Select at least one right\.$/ },
        { pickMany: ['Info', 'All Application Rights'] },
      ]);
      assert.deepEqual(await pickRights(ui, { title: 'T', scope: 'application' }), ['RIGHT_APPLICATION_ALL']);
      ui.assertDone();
    });

    it('keeps the current rights when editing', async () => {
      const ui = new ScriptedUi([{ pick: 'Keep Current Rights' }]);
      assert.deepEqual(
        await pickRights(ui, { title: 'T', scope: 'application', current: ['RIGHT_APPLICATION_INFO'] }),
        ['RIGHT_APPLICATION_INFO'],
      );
    });

    it('starts the individual list from the current rights', async () => {
      const ui = new ScriptedUi([{ pick: 'Choose Individually…' }, { pickMany: 'keep' }]);
      assert.deepEqual(
        await pickRights(ui, { title: 'T', scope: 'clientCollaborator', current: ['RIGHT_CLIENT_INFO'] }),
        ['RIGHT_CLIENT_INFO'],
      );
    });
  });
});
