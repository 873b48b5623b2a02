// Package and bundle size, and the largest modules in the production bundle (dist/extension.js: the libraries of
// dist/vendor/ left out, as esbuild.mjs leaves them out).
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
  });
  const inputs = Object.entries(meta.metafile.outputs)[0][1].inputs;
  const largest = Object.entries(inputs)
    .map(([file, info]) => [file, info.bytesInOutput] as [string, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  return {
    results: [
      { name: '.vsix size', value: kb(vsix), unit: 'KB', goal: '≤ 250 KB', pass: vsix <= 250 * 1024 },
      { name: 'production code in dist/ (the bundle + dist/vendor/)', value: kb(bundle), unit: 'KB' },
    ],
    largest,
  };
}
