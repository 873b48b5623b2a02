// The bad-input catalogue's IDs (ids.corpus.ts), typed into the create prompts: the validator, then the command.
import { strict as assert } from 'node:assert';
import { checkApplicationId } from '../../../../src/commands/applications';
import { validateId } from '../../../../src/tts/ids';
import { checkClientId } from '../../../../src/ui/clientGuidelines';
import type { ScriptStep } from '../../../support/scriptedUi';
import { command, exactly, show, type Env, type Row } from './env';
import { ID_CASES } from './ids.corpus';

const NOUN = { application: 'Application ID', client: 'Client ID', user: 'User ID' } as const;

export function idRows(env: Env, row: Row): void {
  describe('IDs: typed into the create prompts (validator and command)', () => {
    for (const c of ID_CASES) {
      const kinds = c.only ? [c.only] : (['application', 'client'] as const);
      it(`${show(c.input)} → ${c.severity ?? 'error'} for ${kinds.join(' and ')}`, () =>
        row(async () => {
          for (const kind of kinds) {
            const message = c.message.replace('{ID}', NOUN[kind]);
            const severity = c.severity ?? 'error';
            const typed = c.input.trim();
            const check =
              kind === 'application'
                ? checkApplicationId(typed)
                : kind === 'client'
                  ? checkClientId(typed)
                  : { severity: 'error', message: validateId(typed, 'user', 'refer') };
            assert.deepEqual(check, { severity, message }, `${kind} validator`);
            const answer: ScriptStep[] =
              severity === 'error'
                ? [{ input: c.input, invalid: exactly(message) }, { cancel: true }]
                : [{ input: c.input, advice: exactly(message), severity }, { cancel: true }];
            if (kind === 'user') {
              await command(env, 'thingsStack.addCollaborator', [
                { pick: 'Application' },
                { search: '', choose: 'alice-tracker' },
                { search: c.input, invalid: exactly(message) },
                { cancel: true },
              ]);
            } else {
              await command(
                env,
                kind === 'application' ? 'thingsStack.createApplication' : 'thingsStack.createClient',
                [{ pick: 'ACME Corp' }, ...answer],
              );
            }
            assert.deepEqual(env.ui.messages, [], 'nothing else is shown');
          }
        }));
    }
  });
}
