// The build (esbuild.mjs): activation loads extension.js alone; lazy.js holds what our code loads with import(), and
// takes every module it shares with extension.js from extension.js, so a class is one class in both.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

interface Loaded {
  atActivation: string[];
  modules: Record<string, string[]>;
  taken: string[];
  exposed: Record<string, string[]>;
  thrownIsMainClass: boolean;
  thrownName: string;
}

/** The src/ modules a built file was made of, from its source map (not the build's own stand-ins, `namespace:key`). */
function sourcesOf(file: string): string[] {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return map.sources
    .filter((s) => !s.includes(':') && !s.includes('node_modules/'))
    .map((s) => resolve(outdirOf(file), s))
    .filter((s) => s.startsWith(`${ROOT}/src/`))
    .map((s) => s.slice(ROOT.length + 1));
}

const outdirOf = (file: string): string => resolve(file, '..');

describe('the build: extension.js at activation, lazy.js on first use', function () {
  this.timeout(120_000);
  let outdir: string;
  let loaded: Loaded;

  before(() => {
    outdir = mkdtempSync(join(tmpdir(), 'tsm-build-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--outdir', outdir], { cwd: ROOT, stdio: 'pipe' });
    loaded = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', 'test/unit/build/loadBuilt.ts', outdir], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as Loaded;
  });

  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('puts each module in one file: operations, live events, formatter tests and sign-in flows in lazy.js', () => {
    const main = sourcesOf(join(outdir, 'extension.js'));
    const lazy = sourcesOf(join(outdir, 'lazy.js'));
    assert.deepEqual(
      lazy.filter((s) => main.includes(s)),
      [],
    );
    for (const module of [
      'src/commands/operations.ts',
      'src/commands/clients.ts',
      'src/formatters/vscode/operations.ts',
      'src/formatters/vscode/testing.ts',
      'src/events/vscode/controller.ts',
      'src/events/panelHtml.ts',
      'src/auth/vscode/interactive.ts',
      'src/auth/signIn.ts',
      'src/auth/loopback.ts',
    ]) {
      assert.ok(lazy.includes(module) && !main.includes(module), module);
    }
    for (const module of ['src/extension.ts', 'src/explorer/model.ts', 'src/auth/vscode/provider.ts']) {
      assert.ok(main.includes(module), module);
    }
  });

  it('loads only extension.js at activation', () => {
    assert.deepEqual(loaded.atActivation, ['extension.js']);
  });

  it('gives every import() target its exports, and lazy.js every module it takes from extension.js', () => {
    for (const target of ['src/commands/operations.ts', 'src/formatters/vscode/operations.ts']) {
      assert.ok(loaded.modules[target]?.length > 5, `${target}: ${JSON.stringify(loaded.modules[target])}`);
    }
    assert.ok(loaded.modules['src/commands/operations.ts'].includes('createClient'));
    assert.ok(loaded.taken.length > 10, JSON.stringify(loaded.taken));
    assert.deepEqual(
      loaded.taken.filter((key) => !loaded.exposed[key]?.length),
      [],
    );
  });

  it('has one class where lazy.js throws what extension.js catches', () => {
    assert.equal(loaded.thrownName, 'CommandError');
    assert.equal(loaded.thrownIsMainClass, true);
  });
});
