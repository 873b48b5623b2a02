// Time to require the bundle and run activate() with the VS Code API faked; no eager activation events.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { MemoryMemento, MemorySecrets } from '../test/support/fakes';
import { installFakeVscode } from './fakeVscode';
import { median, type Result } from './setup';

type NodeModule = { filename: string; paths: string[]; exports: unknown; _compile(source: string, file: string): void };
type ModuleStatics = { new (id: string): NodeModule; _nodeModulePaths(dir: string): string[] };

/**
 * What `require` does for a .js file, done by hand: this process runs under tsx, whose loader would transform the
 * bundle first and so measure tsx instead of the extension.
 */
function load(file: string): { activate(context: unknown): unknown } {
  const M = Module as unknown as ModuleStatics;
  const mod = new M(file);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  mod._compile(readFileSync(file, 'utf8'), file);
  return mod.exports as { activate(context: unknown): unknown };
}

export function measureActivation(runs = 20): Result[] {
  installFakeVscode();
  const bundle = resolve('dist/extension.js');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const secrets = new MemorySecrets();
    const context = {
      subscriptions: [] as { dispose(): void }[],
      secrets: Object.assign(secrets, { onDidChange: () => ({ dispose() { /* no-op */ } }) }),
      globalState: new MemoryMemento(),
      extensionMode: 1,
      extension: { packageJSON: { version: 'bench' } },
    };
    const start = process.hrtime.bigint();
    const extension = load(bundle);
    extension.activate(context);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    context.subscriptions.forEach((d) => d.dispose?.());
  }
  const events = (JSON.parse(readFileSync('package.json', 'utf8')) as { activationEvents?: string[] }).activationEvents ?? [];
  const eager = events.filter((e) => e === '*' || e === 'onStartupFinished');
  return [
    { name: 'activation (require + activate), median of 20', value: Math.round(median(times) * 100) / 100, unit: 'ms', goal: '≤ 15 ms', pass: median(times) <= 15 },
    { name: 'eager activation events (* / onStartupFinished)', value: eager.length, unit: '', goal: '0', pass: eager.length === 0 },
  ];
}
