// Activation: require the production bundle (with the chunks it requires) and run activate() with the VS Code API
// faked, each sample in a new Node process, so every sample parses and compiles the code for the first time, as a
// new extension host does. No eager activation events.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { MemoryMemento, MemorySecrets } from '../test/support/fakes';
import { installFakeVscode } from './fakeVscode';
import { codeBytes, kb, median, type Result } from './setup';

type NodeModule = {
  filename: string;
  paths: string[];
  exports: unknown;
  require(id: string): unknown;
  _compile(source: string, file: string): void;
};
type ModuleStatics = { new (id: string): NodeModule; _nodeModulePaths(dir: string): string[]; prototype: NodeModule };

/**
 * What `require` does for a .js file, done by hand: this process runs under tsx, whose loader would transform the
 * bundle first and so measure tsx instead of the extension. The bundle's own chunks (`./chunks/…`) load the same
 * way; `loaded` collects every file of ours that was read.
 */
function load(file: string, loaded: Map<string, NodeModule>): NodeModule {
  const M = Module as unknown as ModuleStatics;
  const mod = new M(file);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  mod.require = (id: string) => {
    if (!id.startsWith('.')) {
      return M.prototype.require.call(mod, id);
    }
    const chunk = resolve(dirname(file), id);
    return (loaded.get(chunk) ?? load(chunk, loaded)).exports;
  };
  loaded.set(file, mod);
  mod._compile(readFileSync(file, 'utf8'), file);
  return mod;
}

/** One sample, in this (new) process: the time, and the bytes of the files activation loaded. */
function sample(): { ms: number; bytes: number } {
  installFakeVscode();
  const context = {
    subscriptions: [] as { dispose(): void }[],
    secrets: Object.assign(new MemorySecrets(), {
      onDidChange: () => ({
        dispose() {
          /* no-op */
        },
      }),
    }),
    globalState: new MemoryMemento(),
    workspaceState: new MemoryMemento(),
    extensionMode: 1,
    extension: { packageJSON: { version: 'bench' } },
  };
  const loaded = new Map<string, NodeModule>();
  const start = process.hrtime.bigint();
  const extension = load(resolve('dist/extension.js'), loaded).exports as { activate(context: unknown): unknown };
  extension.activate(context);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, bytes: [...loaded.keys()].reduce((sum, file) => sum + statSync(file).size, 0) };
}

export function measureActivation(runs = 15): Result[] {
  const samples = Array.from(
    { length: runs },
    () =>
      JSON.parse(
        execFileSync(process.execPath, [...process.execArgv, __filename, '--sample'], { encoding: 'utf8' }),
      ) as { ms: number; bytes: number },
  );
  const times = samples.map((s) => s.ms);
  const bytes = Math.max(...samples.map((s) => s.bytes));
  const events =
    (JSON.parse(readFileSync('package.json', 'utf8')) as { activationEvents?: string[] }).activationEvents ?? [];
  const eager = events.filter((e) => e === '*' || e === 'onStartupFinished');
  return [
    {
      name: `activation (require + activate), median of ${runs} new processes`,
      value: Math.round(median(times) * 100) / 100,
      unit: 'ms',
      goal: '≤ 10 ms',
      pass: median(times) <= 10,
      note: `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)} ms`,
    },
    {
      name: 'code parsed at activation (entry + chunks it requires)',
      value: kb(bytes),
      unit: 'KB',
      goal: '≤ 150 KB',
      pass: bytes <= 150 * 1024,
      note: `of ${kb(codeBytes())} KB in dist/`,
    },
    {
      name: 'eager activation events (* / onStartupFinished)',
      value: eager.length,
      unit: '',
      goal: '0',
      pass: eager.length === 0,
    },
  ];
}

if (process.argv.includes('--sample')) {
  process.stdout.write(JSON.stringify(sample()));
}
