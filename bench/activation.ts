// Time to require the bundle (with the chunks it requires) and run activate() with the VS Code API faked; no eager
// activation events.
import { readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { MemoryMemento, MemorySecrets } from '../test/support/fakes';
import { installFakeVscode } from './fakeVscode';
import { codeBytes, kb, median, type Result } from './setup';

type NodeModule = {
  filename: string; paths: string[]; exports: unknown;
  require(id: string): unknown; _compile(source: string, file: string): void;
};
type ModuleStatics = { new (id: string): NodeModule; _nodeModulePaths(dir: string): string[]; prototype: NodeModule };

/**
 * What `require` does for a .js file, done by hand: this process runs under tsx, whose loader would transform the
 * bundle first and so measure tsx instead of the extension. The bundle's own chunks (`./chunks/…`) load the same
 * way, once per run as in a fresh extension host, never from an earlier run's cache; `run` holds this run's files.
 */
function load(file: string, run: Map<string, NodeModule>): NodeModule {
  const M = Module as unknown as ModuleStatics;
  const mod = new M(file);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  mod.require = (id: string) => {
    if (!id.startsWith('.')) {
      return M.prototype.require.call(mod, id);
    }
    const chunk = resolve(dirname(file), id);
    return (run.get(chunk) ?? load(chunk, run)).exports;
  };
  run.set(file, mod);
  mod._compile(readFileSync(file, 'utf8'), file);
  return mod;
}

export function measureActivation(runs = 20): Result[] {
  installFakeVscode();
  const bundle = resolve('dist/extension.js');
  const times: number[] = [];
  let loadedBytes = 0;
  for (let i = 0; i < runs; i++) {
    const secrets = new MemorySecrets();
    const context = {
      subscriptions: [] as { dispose(): void }[],
      secrets: Object.assign(secrets, { onDidChange: () => ({ dispose() { /* no-op */ } }) }),
      globalState: new MemoryMemento(),
      extensionMode: 1,
      extension: { packageJSON: { version: 'bench' } },
    };
    const run = new Map<string, NodeModule>();
    const start = process.hrtime.bigint();
    const extension = load(bundle, run).exports as { activate(context: unknown): unknown };
    extension.activate(context);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    loadedBytes = [...run.keys()].reduce((sum, file) => sum + statSync(file).size, 0);
    context.subscriptions.forEach((d) => d.dispose?.());
  }
  const events = (JSON.parse(readFileSync('package.json', 'utf8')) as { activationEvents?: string[] }).activationEvents ?? [];
  const eager = events.filter((e) => e === '*' || e === 'onStartupFinished');
  return [
    { name: 'activation (require + activate), median of 20', value: Math.round(median(times) * 100) / 100, unit: 'ms', goal: '≤ 15 ms', pass: median(times) <= 15, note: `loads ${kb(loadedBytes)} KB of ${kb(codeBytes())} KB` },
    { name: 'eager activation events (* / onStartupFinished)', value: eager.length, unit: '', goal: '0', pass: eager.length === 0 },
  ];
}
