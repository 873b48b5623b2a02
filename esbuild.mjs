// Bundles the extension with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --production  minified, with external sourcemaps, for the .vsix
//
// Activation loads dist/extension.js (and the shared chunks it requires); what the code loads with `import()` on
// first use (command implementations, interactive sign-in, node-fetch) lands in dist/chunks/ and is only parsed when
// needed. esbuild splits code only for ES modules while VS Code loads extensions as CommonJS, so the build runs in
// two passes: bundle and split as ESM into out/esm/, then turn each file into CommonJS in dist/ (`import()` becomes
// a `require()` of the chunk), source maps carried through.
//
// Why split at all: activation may parse at most 150 KB (npm run bench) and the extension's own code is ~175 KB
// minified, so some of it has to load on first use — sharing one copy of every module (TtsError, GoBackError and
// CommandError are checked with instanceof on both sides) with what activation loaded. Code splitting is the one
// way esbuild shares modules between code loaded now and later. Measured alternatives (2026-12-04): one CommonJS
// bundle parses 176 KB (node-fetch in a second bundle) or 264 KB (all in one); one CommonJS file per module parses
// 160 KB (esbuild's helpers repeat in each of ~100 files) and activates in 13–18 ms; a bundle per feature would give
// each its own copy of the shared classes.
import { rm } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const ESM_DIR = 'out/esm';
const OUT_DIR = 'dist';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The second pass, after every (re)build of the first: ESM chunks → CommonJS files in dist/. */
const toCommonJs = {
  name: 'to-commonjs',
  setup(build) {
    build.onStart(() => rm(ESM_DIR, { recursive: true, force: true }));
    build.onEnd(async (result) => {
      if (result.errors.length) {
        return;
      }
      const outputs = result.metafile.outputs;
      const files = Object.keys(outputs).filter((file) => file.endsWith('.js'));
      await rm(`${OUT_DIR}/chunks`, { recursive: true, force: true }); // chunk names carry hashes: drop stale ones
      const converted = await esbuild.build({
        entryPoints: files,
        outbase: ESM_DIR,
        outdir: OUT_DIR,
        format: 'cjs',
        platform: 'node',
        target: 'node18',
        supported: { 'dynamic-import': false },
        minify: production,
        sourcemap: production ? 'external' : 'linked',
        metafile: true,
        logLevel: 'warning',
      });
      // What activation loads: the entry and the chunks it imports statically (not through import()).
      const eager = new Set([files.find((file) => outputs[file].entryPoint)]);
      for (const file of eager) {
        outputs[file].imports
          .filter((i) => i.kind === 'import-statement' && outputs[i.path])
          .forEach((i) => eager.add(i.path));
      }
      const bytes = (file) => converted.metafile.outputs[`${OUT_DIR}${file.slice(ESM_DIR.length)}`].bytes;
      const total = files.reduce((sum, file) => sum + bytes(file), 0);
      const loaded = [...eager].reduce((sum, file) => sum + bytes(file), 0);
      console.log(
        `esbuild: ${OUT_DIR}/ ${kb(total)} in ${files.length} files, ${kb(loaded)} of it loaded at activation${production ? ' (production)' : ''}`,
      );
    });
  },
};

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node18',
  outdir: ESM_DIR,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['vscode'],
  minify: production,
  sourcemap: 'inline',
  metafile: true,
  logLevel: 'warning',
  plugins: [toCommonJs],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  await esbuild.build(options);
}
