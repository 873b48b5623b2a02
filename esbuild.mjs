// Bundles the extension with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --production  minified, with external sourcemaps, for the .vsix
//
// One CommonJS bundle of the extension's code, dist/extension.js, which activation loads. Two libraries stay out of
// it, each in a bundle of its own that the code requires on first use: acorn (the JavaScript parser of the formatter
// checks, loaded by formatters/vscode/diagnostics.ts) and node-fetch (the transport's fetch, tts/defaultFetch.ts).
// Why those two: activation must take at most 0.5× the time VS Code's own github-authentication takes (npm run bench,
// README "Performance"). Measured side by side (medians of 15 new processes, 2026-12-07): one bundle with everything
// 0.97×; with node-fetch out 0.79×; with acorn out 0.58×; with both out 0.46×. They share no class with the
// extension's code, so nothing is loaded twice.
import { rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Libraries loaded on first use: an import of one becomes a require of its own bundle in dist/vendor/. */
const VENDOR = ['acorn', 'node-fetch'];

const vendorBundles = {
  name: 'vendor-bundles',
  setup(build) {
    const filter = new RegExp(`^(${VENDOR.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: `./vendor/${args.path}.js`, external: true },
    );
    build.onEnd((result) => {
      if (!result.errors.length) {
        const kb = (file) => `${(result.metafile.outputs[file].bytes / 1024).toFixed(1)} KB`;
        const vendor = VENDOR.map((name) => `${name} ${kb(`dist/vendor/${name}.js`)}`).join(', ');
        console.log(
          `esbuild: dist/extension.js ${kb('dist/extension.js')}; on first use: ${vendor}${production ? ' (production)' : ''}`,
        );
      }
    });
  },
};

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: [
    { in: 'src/extension.ts', out: 'extension' },
    ...VENDOR.map((name) => ({ in: name, out: `vendor/${name}` })),
  ],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outdir: 'dist',
  external: ['vscode'],
  // import() of a vendor bundle becomes a require() of it when first used (VS Code loads extensions as CommonJS).
  supported: { 'dynamic-import': false },
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [vendorBundles],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  // A build starts from an empty dist/: the .vsix takes dist/ as it is (.vscodeignore), never a file of an older build.
  rmSync('dist', { recursive: true, force: true });
  await esbuild.build(options);
}
