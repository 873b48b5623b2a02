// Run by split.test.ts in a process of its own (the fake `vscode` module stays out of the test process): loads a
// build as VS Code does (require, then activate()), then lazy.js as the first import() does, and prints what it found.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { installFakeVscode, settingDefaults } from '../../../bench/fakeVscode';
import { MemoryMemento, MemorySecrets } from '../../support/fakes';

async function main(outdir: string): Promise<void> {
  installFakeVscode(settingDefaults(JSON.parse(readFileSync('package.json', 'utf8')) as never));
  const load = createRequire(join(outdir, 'extension.js'));
  const before = new Set(Object.keys(load.cache));
  const extension = load(join(outdir, 'extension.js')) as {
    activate(context: unknown): unknown;
    shared: Record<string, Record<string, unknown>>;
  };
  extension.activate({
    subscriptions: [],
    secrets: Object.assign(new MemorySecrets(), { onDidChange: () => ({ dispose() {} }) }),
    globalState: Object.assign(new MemoryMemento(), { setKeysForSync() {} }),
    workspaceState: new MemoryMemento(),
    extensionMode: 1,
    extensionUri: { scheme: 'file', path: process.cwd(), fsPath: process.cwd() },
    extension: { id: 'test', packageJSON: {} },
  });
  const atActivation = Object.keys(load.cache).filter((f) => !before.has(f) && f.startsWith(outdir));
  const lazy = load(join(outdir, 'lazy.js')) as { modules: Record<string, Record<string, unknown>> };
  // An operation of lazy.js throws CommandError (ui/errorText.ts, a module of extension.js): the class it throws
  // must be the one extension.js has.
  const open = lazy.modules['src/formatters/vscode/operations.ts'].openFormatter as (...args: unknown[]) => unknown;
  const thrown = await Promise.resolve(open({ links: {}, ctx: { accounts: {} } })).then(
    () => undefined,
    (error: unknown) => error,
  );
  const sharedText = readFileSync(join(outdir, 'lazy.js'), 'utf8');
  const taken = [...new Set([...sharedText.matchAll(/\.shared\["([^"]+)"\]/g)].map((m) => m[1]))];
  process.stdout.write(
    JSON.stringify({
      atActivation: atActivation.map((f) => f.slice(outdir.length + 1)),
      modules: Object.fromEntries(Object.entries(lazy.modules).map(([k, v]) => [k, Object.keys(v)])),
      taken,
      exposed: Object.fromEntries(Object.entries(extension.shared).map(([k, v]) => [k, Object.keys(v)])),
      thrownIsMainClass: thrown instanceof (extension.shared['src/ui/errorText.ts'].CommandError as never),
      thrownName: thrown instanceof Error ? thrown.name : String(thrown),
    }),
  );
}

void main(process.argv[2]);
