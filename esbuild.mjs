// Bundles the extension (and the extension-host test index) with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --production  minified, with external sourcemaps, for the .vsix
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // fetch-blob only loads the web-streams polyfill when node:stream/web is missing (Node < 16.5); VS Code's
  // Node always has it, so the 59 KB fallback stays out of the bundle.
  external: ['vscode', 'web-streams-polyfill/*'],
  logLevel: 'warning',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    minify: production,
    sourcemap: production ? 'external' : 'linked',
    metafile: true,
  },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching src/ for changes');
} else {
  for (const options of builds) {
    const result = await esbuild.build(options);
    if (result.metafile) {
      const out = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
      console.log(`esbuild: ${options.outfile} ${(out.bytes / 1024).toFixed(1)} KB${production ? ' (production)' : ''}`);
    }
  }
}
