// The bad-input catalogue's server bodies (bodies.corpus.ts): the explorer and commands over the API client.
import { strict as assert } from 'node:assert';
import type { ScriptStep } from '../../../support/scriptedUi';
import { BODY_CASES } from './bodies.corpus';
import { command, freshExplorer, show, signInAlice, walk, type Env, type Row } from './env';

export function bodyRows(env: Env, row: Row): void {
  describe('server bodies: the explorer and commands over the API client', () => {
    for (const c of BODY_CASES) {
      it(`${c.name} → ${show(c.message)}`, async () => {
        freshExplorer(env);
        await signInAlice(env, c.expired === true);
        const injected = env.server.knobs.injected.malformed;
        await row(async () => {
          if (c.knob) {
            env.server.knobs.malformedNext({
              ...c.knob,
              path: c.knob.path.startsWith('/oauth') ? c.knob.path : `/api/v3${c.knob.path}`,
            });
          }
          env.rewrite = c.rewrite;
          const e = c.enters;
          if ('tree' in e && e.tree === 'client') {
            const client = await walk(env, 'deployment', 'section:clients', 'owner:user:alice', `client:${e.client}`);
            const children = await env.model.children(client);
            const shown =
              e.property === 'rights'
                ? children.flatMap((n) => (n.kind === 'rights' ? n.rights : [])).join(', ')
                : children.flatMap((n) => (n.kind === 'property' && n.property === e.property ? [n.value] : [])).join();
            assert.equal(shown, c.message);
          } else if ('tree' in e) {
            const owner = await walk(env, 'deployment', `section:${e.tree}`, `owner:${e.owner}`);
            const [only, ...more] = await env.model.children(owner);
            assert.ok(
              (only.kind === 'error' || only.kind === 'message') && more.length === 0,
              'one error or empty-state node, no entities',
            );
            assert.equal(only.message, c.message);
          } else {
            const script: ScriptStep[] = c.expired
              ? []
              : e.command === 'showJson'
                ? [{ pick: 'OAuth Client' }, { search: '', choose: e.client }]
                : [{ search: '', choose: e.application }];
            await command(
              env,
              e.command === 'showJson' ? 'thingsStack.showJson' : 'thingsStack.editApplication',
              script,
            );
            assert.deepEqual(env.ui.messages, [{ level: 'error', text: c.message }]);
          }
          assert.equal(env.rewrite, undefined, 'the rewritten answer was used');
          assert.equal(env.server.knobs.injected.malformed - injected, c.knob ? 1 : 0, 'the malformed answer was sent');
        });
      });
    }
  });
}
