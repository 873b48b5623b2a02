// Package and bundle size, and the largest modules of what activation loads (dist/extension.js: what our code loads
// with import() and the libraries of dist/vendor/ left out, as esbuild.mjs leaves them out).
import { execSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { build } from 'esbuild';
import { codeBytes, kb, type Result } from './setup';

export async function measureSize(): Promise<{ results: Result[]; largest: [string, number][] }> {
  execSync('npm run -s package', { stdio: 'ignore' });
  const vsix = statSync('things-stack-manager.vsix').size;
  const bundle = codeBytes();
  const meta = await build({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    write: false,
    metafile: true,
    external: ['vscode', 'acorn', 'node-fetch'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'lazy',
        setup: (b) =>
          b.onResolve({ filter: /^\./ }, (args) =>
            args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
          ),
      },
    ],
  });
  const inputs = Object.entries(meta.metafile.outputs)[0][1].inputs;
  const largest = Object.entries(inputs)
    .map(([file, info]) => [file, info.bytesInOutput] as [string, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  return {
    results: [
      { name: '.vsix size', value: kb(vsix), unit: 'KB', goal: '≤ 250 KB', pass: vsix <= 250 * 1024 },
      { name: 'production code in dist/ (all of it)', value: kb(bundle), unit: 'KB' },
      { name: 'dist/extension.js (what activation loads)', value: kb(statSync('dist/extension.js').size), unit: 'KB' },
    ],
    largest,
  };
}
