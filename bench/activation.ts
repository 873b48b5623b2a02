// Activation, side by side with VS Code's own github-authentication extension (from the code-server install of the
// workbench tests): each sample requires an extension's bundle and runs its activate() in a new Node process, with
// the same fake `vscode` module (fakeVscode.ts) and a new context, so every sample parses and compiles the code for
// the first time, as a new extension host does. The two alternate, so a busy machine slows both alike; the goal is
// the ratio of the medians. No eager activation events.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { MemoryMemento, MemorySecrets } from '../test/support/fakes';
import { installFakeVscode, settingDefaults } from './fakeVscode';
import { median, type Result } from './setup';

type NodeModule = {
  filename: string;
  paths: string[];
  exports: unknown;
  require(id: string): unknown;
  _compile(source: string, file: string): void;
};
type ModuleStatics = { new (id: string): NodeModule; _nodeModulePaths(dir: string): string[]; prototype: NodeModule };

/** The extensions compared: the folder with its package.json, and its `main`. */
export const EXTENSIONS = {
  ours: resolve(process.env.BENCH_OURS ?? '.'),
  'github-authentication': resolve(
    'test/e2e/workbench/node_modules/code-server/lib/vscode/extensions/github-authentication',
  ),
} as const;
type Which = keyof typeof EXTENSIONS;

/**
 * What `require` does for a .js file, done by hand: this process runs under tsx, whose loader would transform the
 * bundle first and so measure tsx instead of the extension. A relative require (a file of the extension) loads the
 * same way.
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
    const path = resolve(dirname(file), id);
    const chunk = existsSync(path) ? path : `${path}.js`;
    return (loaded.get(chunk) ?? load(chunk, loaded)).exports;
  };
  loaded.set(file, mod);
  mod._compile(readFileSync(file, 'utf8'), file);
  return mod;
}

/** One sample, in this (new) process: require + activate() of the extension in `folder`; the files of it loaded. */
function sample(folder: string): { ms: number; files: string[] } {
  const packageJson = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    main: string;
    contributes?: never;
  };
  installFakeVscode(settingDefaults(packageJson));
  const secrets = Object.assign(new MemorySecrets(), { onDidChange: () => ({ dispose() {} }) });
  const context = {
    subscriptions: [] as { dispose(): void }[],
    secrets,
    globalState: Object.assign(new MemoryMemento(), { setKeysForSync() {} }),
    workspaceState: new MemoryMemento(),
    extensionMode: 1, // Production
    extensionUri: { scheme: 'file', path: folder, fsPath: folder },
    extensionPath: folder,
    extension: { id: 'bench', packageJSON: packageJson, extensionKind: 1, extensionPath: folder },
  };
  const loaded = new Map<string, NodeModule>();
  const start = process.hrtime.bigint();
  const extension = load(resolve(folder, packageJson.main), loaded).exports as { activate(c: unknown): unknown };
  extension.activate(context);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, files: [...loaded.keys()].map((file) => relative(folder, file)) };
}

function newProcess(which: Which): { ms: number; files: string[] } {
  return JSON.parse(
    execFileSync(process.execPath, [...process.execArgv, __filename, '--sample', which], { encoding: 'utf8' }),
  ) as { ms: number; files: string[] };
}

export function measureActivation(runs = 15): Result[] {
  if (!existsSync(join(EXTENSIONS['github-authentication'], 'package.json'))) {
    throw new Error('github-authentication is missing: run scripts/setup-workbench.sh (it installs code-server).');
  }
  const times: Record<Which, number[]> = { ours: [], 'github-authentication': [] };
  const files = new Set<string>();
  for (let i = 0; i < runs; i++) {
    // Alternating, so a busy moment of the machine falls on both.
    const ours = newProcess('ours');
    times.ours.push(ours.ms);
    ours.files.forEach((f) => files.add(f));
    times['github-authentication'].push(newProcess('github-authentication').ms);
  }
  const more = [...files].filter((f) => f !== 'dist/extension.js');
  const ours = median(times.ours);
  const theirs = median(times['github-authentication']);
  const ratio = ours / theirs;
  const range = (t: number[]): string => `${Math.min(...t).toFixed(1)}–${Math.max(...t).toFixed(1)} ms`;
  const events =
    (JSON.parse(readFileSync('package.json', 'utf8')) as { activationEvents?: string[] }).activationEvents ?? [];
  const eager = events.filter((e) => e === '*' || e === 'onStartupFinished');
  return [
    {
      name: `activation (require + activate), median of ${runs} new processes`,
      value: Math.round(ours * 100) / 100,
      unit: 'ms',
      note: range(times.ours),
    },
    {
      name: `activation of VS Code's github-authentication, the same way`,
      value: Math.round(theirs * 100) / 100,
      unit: 'ms',
      note: range(times['github-authentication']),
    },
    {
      name: 'activation: ours / github-authentication',
      value: Math.round(ratio * 100) / 100,
      unit: '×',
      goal: '≤ 0.5×',
      pass: ratio <= 0.5,
    },
    {
      name: 'files loaded at activation besides dist/extension.js (lazy.js, dist/vendor/)',
      value: more.length,
      unit: '',
      goal: '0',
      pass: more.length === 0,
      note: `activation loads ${[...files].join(', ')}`,
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
  process.stdout.write(JSON.stringify(sample(EXTENSIONS[process.argv[process.argv.indexOf('--sample') + 1] as Which])));
}
