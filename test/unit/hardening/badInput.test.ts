// Runs every row of the bad-input catalogue (badInput/*.corpus.ts, one file per family; badInput/*.suite.ts runs
// a family) through the entry point the user meets: the validators prompts run while typing, the commands through
// the error boundary with scripted input, the URI handler's and the loopback server's callback path, the API-key
// and paste-code sign-in, the explorer and the API client against the TTS test server (its malformed-body knobs, or
// answers rewritten on the way), token refreshes under a command, the "Add Deployment" URL check, and text others
// wrote (callbacks, server messages, API key names) that must not become a link or icon in a notification. For every
// row: the exact message, no throw past the boundary, no unhandled rejection, and stored state (secrets,
// globalState, the server's entities) unchanged.
import { strict as assert } from 'node:assert';
import { BODY_CASES } from './badInput/bodies.corpus';
import { bodyRows } from './badInput/bodies.suite';
import { CALLBACK_CASES } from './badInput/callbacks.corpus';
import { callbackRows } from './badInput/callbacks.suite';
import { DEPLOYMENT_CASES } from './badInput/deployments.corpus';
import { deploymentRows } from './badInput/deployments.suite';
import { apiWrites, settle, startEnv, stored, type Env } from './badInput/env';
import { ID_CASES } from './badInput/ids.corpus';
import { LINK_CASES } from './badInput/links.corpus';
import { linkRows } from './badInput/links.suite';
import { idRows } from './badInput/ids.suite';
import { API_KEY_CASES, CODE_CASES } from './badInput/signInInput.corpus';
import { signInInputRows } from './badInput/signInInput.suite';
import { URI_CASES } from './badInput/uris.corpus';
import { redirectUriRows } from './badInput/uris.suite';

const FAMILIES = {
  IDs: ID_CASES.length,
  'redirect URIs': URI_CASES.length,
  'callback URLs': CALLBACK_CASES.length,
  'pasted codes': CODE_CASES.length,
  'API keys': API_KEY_CASES.length + 1, // + the well-formed key the server does not know
  'server bodies': BODY_CASES.length,
  'deployment URLs': DEPLOYMENT_CASES.length,
  'links and icons': LINK_CASES.length,
};
const TOTAL = Object.values(FAMILIES).reduce((a, b) => a + b, 0);

describe('bad input: the catalogue through the real entry points (issue 8)', function () {
  this.timeout(30_000);
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  const env = {} as Env; // filled by startEnv
  let ran = 0;

  before(async () => {
    process.on('unhandledRejection', onRejection);
    await startEnv(env);
  });
  after(async () => {
    process.off('unhandledRejection', onRejection);
    env.model?.dispose();
    await env.server?.close();
  });
  afterEach(async () => {
    await settle();
    assert.deepEqual(rejections.map(String), [], 'unhandled rejections');
  });

  /** One row: the state before and after must be the same, and nothing may be written to the server. */
  async function row(body: () => Promise<void>): Promise<void> {
    const before = stored(env);
    const requests = env.server.requests.length;
    await body();
    await settle();
    assert.equal(stored(env), before, 'stored state changed');
    assert.deepEqual(apiWrites(env.server, requests), [], 'the server was changed');
    ran++;
  }

  idRows(env, row);
  redirectUriRows(env, row);
  callbackRows(row);
  signInInputRows(env, row);
  bodyRows(env, row);
  deploymentRows(row);
  linkRows(env, row);

  describe('the catalogue', () => {
    it(`has at least 150 cases, all run (${TOTAL})`, () => {
      console.log(
        `      bad-input corpus: ${Object.entries(FAMILIES)
          .map(([name, n]) => `${name} ${n}`)
          .join(', ')}; ${TOTAL} cases, ${ran} run`,
      );
      assert.ok(TOTAL >= 150, `only ${TOTAL} cases`);
      assert.equal(ran, TOTAL, 'every case ran and passed');
    });
  });
});
