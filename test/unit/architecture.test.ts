// ARCHITECTURE.md points where things are: every path it names in backticks exists (paths without a top-level folder
// are under src/), so a file that moves or goes cannot leave the map pointing at nothing. A bare file name is a short
// mention of a path named nearby.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TOP = ['src/', 'test/', 'bench/', 'scripts/', 'media/', '.ci/'];
/** Not in the repository: VS Code's sources the tree rules quote, what builds and test runs write, ../shared. */
const ELSEWHERE = ['workbench/', 'base/', 'dist/', 'test-results/', '../'];

/** The repository paths in backticks: `a/b.ts`, `a/b/`, `a/*.ts`. */
function namedPaths(markdown: string): string[] {
  const quoted = [...markdown.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1].split(/[\s,()]+/));
  return [
    ...new Set(
      quoted.filter(
        (t) =>
          /^[\w.*-]+(\/[\w.*-]+)*\/[\w.*-]*$/.test(t) &&
          (/\.(ts|mjs|json|sh)$/.test(t) || t.endsWith('/')) &&
          !ELSEWHERE.some((p) => t.startsWith(p)),
      ),
    ),
  ];
}

/** Whether `path` (`*` matches within one name) names something in the repository. */
function exists(path: string): boolean {
  const parts = (TOP.some((p) => path.startsWith(p)) ? path : `src/${path}`).split('/').filter(Boolean);
  const walk = (dir: string, rest: string[]): boolean => {
    if (!rest.length) {
      return true;
    }
    const [part, ...more] = rest;
    if (!part.includes('*')) {
      return existsSync(join(dir, part)) && walk(join(dir, part), more);
    }
    const pattern = new RegExp(`^${part.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
    return (
      existsSync(dir) &&
      statSync(dir).isDirectory() &&
      readdirSync(dir).some((name) => pattern.test(name) && walk(join(dir, name), more))
    );
  };
  return walk(ROOT, parts);
}

describe('ARCHITECTURE.md', () => {
  const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');

  it('names only files and folders that exist', () => {
    const named = namedPaths(text);
    assert.ok(named.length >= 80, `only ${named.length} paths found: the pattern no longer reads the page`);
    assert.deepEqual(
      named.filter((p) => !exists(p)),
      [],
    );
  });

  it('reads the paths a row names, and a path that is not there fails', () => {
    const row =
      '| x | `commands/boundary.ts`, `explorer/vscode/nodes/*.ts` (see `src/gone.ts`, `test/support/`, `gone.ts`) |';
    assert.deepEqual(namedPaths(row), [
      'commands/boundary.ts',
      'explorer/vscode/nodes/*.ts',
      'src/gone.ts',
      'test/support/',
    ]);
    assert.deepEqual(
      namedPaths(row).filter((p) => !exists(p)),
      ['src/gone.ts'],
    );
  });
});
