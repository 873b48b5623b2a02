// util/onFirstUse.ts: what the lazily loaded parts of the build go through (esbuild.mjs).
import { strict as assert } from 'node:assert';
import { onFirstUse } from '../../../src/util/onFirstUse';

describe('onFirstUse', () => {
  it('loads on the first call, not before, and once for calls at the same time and later', async () => {
    let loads = 0;
    const get = onFirstUse(async () => ({ n: ++loads }));
    assert.equal(loads, 0);
    const [a, b] = await Promise.all([get(), get()]);
    const c = await get();
    assert.equal(loads, 1);
    assert.ok(a === b && b === c);
  });

  it('tries again after a failed load, and keeps the load that worked', async () => {
    let loads = 0;
    const get = onFirstUse(async () => {
      loads++;
      if (loads === 1) {
        throw new Error('the chunk could not be read');
      }
      return loads;
    });
    await assert.rejects(get(), /could not be read/);
    assert.equal(await get(), 2);
    assert.equal(await get(), 2);
    assert.equal(loads, 2);
  });
});
