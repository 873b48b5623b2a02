// "Register an OAuth Client for VS Code": the rights it asks for and the ID, name and description it proposes.
import { strict as assert } from 'node:assert';
import {
  VSCODE_CLIENT_DESCRIPTION,
  suggestedClientId,
  suggestedClientName,
} from '../../../src/commands/registerClient';
import { EXPLORER_COMMANDS } from '../../../src/commands/explorerCommands';
import { EXTENSION_RIGHTS, FEATURE_RIGHTS } from '../../../src/tts/extensionRights';
import { isRight } from '../../../src/tts/rights';
import { checkClientId, checkClientName, checkDescription, rightsAdvice } from '../../../src/ui/clientGuidelines';

describe('Register an OAuth Client for VS Code', () => {
  describe('the rights list and the proposed values', () => {
    it('grants real rights, no pseudo-rights, each once, covering every right the command table names', () => {
      assert.ok(EXTENSION_RIGHTS.every(isRight));
      assert.ok(!EXTENSION_RIGHTS.some((r) => r.endsWith('_ALL')));
      assert.equal(new Set(EXTENSION_RIGHTS).size, EXTENSION_RIGHTS.length);
      for (const spec of EXPLORER_COMMANDS) {
        for (const right of spec.rights ?? []) {
          assert.ok(EXTENSION_RIGHTS.includes(right), `${spec.id} needs ${right}`);
        }
      }
      assert.ok(FEATURE_RIGHTS.liveEvents.every((r) => EXTENSION_RIGHTS.includes(r)));
    });

    it('proposes an ID, name and description that pass the guidelines without a warning', () => {
      assert.equal(checkClientId(suggestedClientId('alice')).severity, 'info');
      assert.equal(checkClientId(suggestedClientId('a-very-long-organization-identifier-x')).severity, 'info');
      assert.equal(checkClientName(suggestedClientName('alice')), undefined);
      assert.equal(checkDescription(VSCODE_CLIENT_DESCRIPTION), undefined);
      assert.deepEqual(rightsAdvice(EXTENSION_RIGHTS, VSCODE_CLIENT_DESCRIPTION), []);
    });
  });
});
