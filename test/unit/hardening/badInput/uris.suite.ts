// The bad-input catalogue's redirect URIs (uris.corpus.ts): "Add Redirect URI" and the create wizard's box.
import { strict as assert } from 'node:assert';
import { checkUriListText } from '../../../../src/commands/clientPrompts';
import { checkRedirectUri } from '../../../../src/ui/clientGuidelines';
import type { ScriptStep } from '../../../support/scriptedUi';
import { command, exactly, show, type Env, type Row } from './env';
import { TEN_URIS, URI_CASES } from './uris.corpus';

const CLIENT_URIS: Record<string, readonly string[]> = {
  'alice-dashboard': ['http://127.0.0.1/callback'],
  'alice-ten-uris': TEN_URIS,
};

export function redirectUriRows(env: Env, row: Row): void {
  describe('redirect URIs: "Add Redirect URI" and the create wizard', () => {
    for (const c of URI_CASES) {
      it(`${c.box} ${show(c.input)} → ${c.severity ?? 'error'}`, () =>
        row(async () => {
          const severity = c.severity ?? 'error';
          if (c.box === 'single') {
            const client = c.client ?? 'alice-dashboard';
            assert.deepEqual(checkRedirectUri(c.input, CLIENT_URIS[client]), { severity, message: c.message });
            await command(env, 'thingsStack.addRedirectUri', [
              { search: '', choose: client },
              { pick: 'Redirect URIs' },
              { input: c.input, invalid: exactly(c.message) },
              { cancel: true },
            ]);
          } else {
            assert.deepEqual(checkUriListText(c.input, true), { severity, message: c.message });
            const answer: ScriptStep[] =
              severity === 'error'
                ? [{ input: c.input, invalid: exactly(c.message) }, { cancel: true }]
                : [
                    { input: c.input, advice: exactly(c.message), severity },
                    { cancel: true, expect: /Logout redirect URIs/ },
                  ];
            await command(env, 'thingsStack.createClient', [
              { pick: 'ACME Corp' },
              { input: 'acme-uri-check' },
              { input: 'URI check' },
              { input: 'Checks how redirect URIs are validated.' },
              ...answer,
            ]);
          }
          assert.deepEqual(env.ui.messages, []);
        }));
    }
  });
}
