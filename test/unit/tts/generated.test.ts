import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';

// The committed contract types must be exactly what `npm run gen:api` makes from the spec in ../shared.
describe('generated: contract types are current', function () {
  this.timeout(60_000);

  it('schema.ts and schemaRights.ts match a fresh generation from the spec', async function () {
    const { loadSpec } = await import('../../../scripts/spec.mjs');
    const { spec, reason } = loadSpec();
    if (!spec) {
      console.log(`      ${reason}`);
      this.skip();
    }
    const { generate } = await import('../../../scripts/gen-api.mjs');
    const files: Record<string, string> = await generate(spec);
    for (const [path, text] of Object.entries(files)) {
      assert.ok(readFileSync(path, 'utf8') === text, `${path} is stale: run npm run gen:api`);
    }
  });

  it('keeps doc strings out of the generated types', () => {
    const schema = readFileSync('src/tts/schema.ts', 'utf8');
    assert.ok(!schema.includes('This information is public'), 'descriptions leaked into schema.ts');
    assert.ok(schema.length < 700_000);
  });
});
