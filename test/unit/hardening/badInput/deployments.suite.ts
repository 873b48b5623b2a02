// The bad-input catalogue's deployment URLs (deployments.corpus.ts): the "Add Deployment" input.
import { strict as assert } from 'node:assert';
import { checkDeploymentUrl } from '../../../../src/tts/deployments';
import { DEPLOYMENT_CASES } from './deployments.corpus';
import { show, type Row } from './env';

export function deploymentRows(row: Row): void {
  describe('deployment URLs: the "Add Deployment" input', () => {
    for (const c of DEPLOYMENT_CASES) {
      it(`${show(c.input)} → refused`, () =>
        row(async () => {
          assert.deepEqual(checkDeploymentUrl(c.input), { ok: false, message: c.message });
        }));
    }
  });
}
