// Bundles the extension with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --production  minified, with external sourcemaps, for the .vsix
//
// CommonJS, each module of src/ in exactly one of the first two files:
// - dist/extension.js: what activation loads, every module the extension reaches through static imports.
// - dist/lazy.js: every module reached only through an `import()` of our own code (the command operations, live
//   events, the formatter tests, checks and save, the sign-in flows), loaded by the first such import. It takes the
//   modules it shares with extension.js from extension.js itself (`shared`, exactly the bindings lazy.js reads),
//   never from a copy, so a class is one class (`instanceof UserCancelledError` holds across the two) and module
//   state is one state. The build fails if a module lands in both.
// - dist/vendor/: acorn (the formatter checks' parser) and node-fetch, each in a bundle of its own, required on
//   first use. They share nothing with our code.
// Why: activation must take at most 0.5× the time VS Code's own github-authentication takes (npm run bench, README
// "Performance"), and what activation compiles is most of what it costs. Measured side by side (medians of 15 new
// processes): one bundle with everything 0.97×; the two libraries out 0.46–0.56× (the account side of OAuth grew
// the bundle); lazy.js out as well, median 0.42× (nine runs: 0.35–0.49×, once 0.59×). esbuild's own code splitting
// (ES module chunks converted to CommonJS) was slower than one bundle: activation then loaded seven files and
// reached every shared function through an export getter.
import { rmSync, watch as watchFiles } from 'node:fs';
import { relative } from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** `--outdir <dir>`: where the files go (a test builds into a folder of its own); dist/ by default. */
const outdir = process.argv.includes('--outdir') ? process.argv[process.argv.indexOf('--outdir') + 1] : 'dist';

/** Libraries loaded on first use: an import of one becomes a require of its own bundle in dist/vendor/. */
const VENDOR = ['acorn', 'node-fetch'];
const vendorFilter = new RegExp(`^(${VENDOR.join('|')})$`);

/** A module's key in `shared` and `modules`: its path from the repository, as the metafile names it. */
const keyOf = (path) => relative(process.cwd(), path).split('\\').join('/');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outdir,
  external: ['vscode'],
  // import() becomes a require() when first used (VS Code loads extensions as CommonJS).
  supported: { 'dynamic-import': false },
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  metafile: true,
  logLevel: 'warning',
};

const RESOLVING = Symbol('resolving');

/** Where esbuild itself resolves an import (the plugin's own onResolve steps aside for that call). */
async function resolveOnce(build, args) {
  const found = await build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: RESOLVING,
  });
  if (found.errors.length > 0) {
    throw new Error(found.errors[0].text);
  }
  return found;
}

/** Imports of a vendor library, from either of our bundles, require its own bundle. */
const vendorPlugin = {
  name: 'vendor',
  setup(build) {
    build.onResolve({ filter: vendorFilter }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: `./vendor/${args.path}.js`, external: true },
    );
  },
};

/**
 * One of our two bundles, named `out`: its entry module is `lines`, and an import that `redirect` maps to a module
 * key becomes `module.exports = require('./<other>')[table][key]`, which runs when the import does. With `probe`,
 * such an import stays an import of the key (an ES module in memory names what it takes).
 */
function bundleOptions({ out, lines, redirect, other, table, probe = false }) {
  const otherFile = new RegExp(`^\\./${other.replace('.', '\\.')}$`);
  return {
    ...common,
    ...(probe ? { format: 'esm', minify: false, sourcemap: false, write: false } : {}),
    entryPoints: [{ in: `${out}-entry`, out }],
    plugins: [
      vendorPlugin,
      {
        name: `${out}-modules`,
        setup(build) {
          build.onResolve({ filter: /-entry$/ }, (args) => ({ path: args.path, namespace: 'entry' }));
          build.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({
            resolveDir: process.cwd(),
            loader: 'js',
            contents: lines.join('\n'),
          }));
          build.onResolve({ filter: /^\./ }, async (args) => {
            if (args.pluginData === RESOLVING || args.namespace === 'other' || otherFile.test(args.path)) {
              return undefined;
            }
            const key = await redirect(build, args);
            if (key === undefined) {
              return undefined;
            }
            return probe ? { path: key, external: true } : { path: key, namespace: 'other' };
          });
          build.onLoad({ filter: /.*/, namespace: 'other' }, (args) => ({
            loader: 'js',
            contents: `module.exports = require('./${other}').${table}[${JSON.stringify(args.path)}];`,
          }));
          build.onResolve({ filter: otherFile }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  };
}

/**
 * extension.js: an `import()` of one of our modules becomes a require of that module's namespace in lazy.js;
 * `shared` (key → names, '*' for all) is what lazy.js takes from here, exported as `shared`.
 */
function mainOptions(shared) {
  const keys = [...shared.keys()].sort();
  const exposed = keys.map((key, i) => {
    const names = [...shared.get(key)].sort();
    if (names.includes('*')) {
      return { imports: `import * as s${i} from './${key}';`, value: `s${i}` };
    }
    const local = (name) => `s${i}_${name}`;
    return {
      imports: `import { ${names.map((name) => `${name} as ${local(name)}`).join(', ')} } from './${key}';`,
      // Getters: a binding lazy.js reads is the live one of this bundle.
      value: `{ ${names.map((name) => `get ${name}() { return ${local(name)}; }`).join(', ')} }`,
    };
  });
  return bundleOptions({
    out: 'extension',
    lines: [
      `export * from './src/extension';`,
      ...exposed.map((e) => e.imports),
      `export const shared = { ${keys.map((key, i) => `${JSON.stringify(key)}: ${exposed[i].value}`).join(', ')} };`,
    ],
    redirect: async (build, args) =>
      args.kind === 'dynamic-import' ? keyOf((await resolveOnce(build, args)).path) : undefined,
    other: 'lazy.js',
    table: 'modules',
  });
}

/**
 * lazy.js: the modules behind `lazyTargets` (the `import()`s of extension.js, exported as `modules`) and what only
 * they use; a module extension.js has (`inMain`) is taken from it. With `probe`, an ES module in memory whose import
 * statements name what lazy.js takes from extension.js.
 */
function lazyOptions(lazyTargets, inMain, probe = false) {
  return bundleOptions({
    out: 'lazy',
    lines: [
      ...lazyTargets.map((key, i) => `import * as m${i} from './${key}';`),
      `export const modules = { ${lazyTargets.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(', ')} };`,
    ],
    redirect: async (build, args) => {
      const key = keyOf((await resolveOnce(build, args)).path);
      return inMain.has(key) ? key : undefined;
    },
    other: 'extension.js',
    table: 'shared',
    probe,
  });
}

/** What the import statements of an ES module take from each of `keys`: names, or '*' for the whole namespace. */
function importedNames(code, keys) {
  const names = new Map();
  for (const [statement, key] of code.matchAll(/^export\s.+?\sfrom\s+"([^"]+)";$/gms)) {
    if (keys.has(key)) {
      throw new Error(`esbuild.mjs: lazy.js re-exports from ${key}, which extension.js has: ${statement}`);
    }
  }
  for (const [, clause, key] of code.matchAll(/^import\s+(.+?)\s+from\s+"([^"]+)";$/gms)) {
    if (!keys.has(key)) {
      continue;
    }
    const taken = names.get(key) ?? new Set();
    names.set(key, taken);
    const braces = /\{([^}]*)\}/.exec(clause);
    for (const item of braces ? braces[1].split(',') : []) {
      if (item.trim()) {
        taken.add(item.trim().split(/\s+as\s+/)[0]);
      }
    }
    const outside = clause
      .replace(/\{[^}]*\}/, '')
      .replace(/,/g, ' ')
      .trim();
    if (outside.startsWith('*')) {
      taken.add('*');
    } else if (outside) {
      taken.add('default');
    }
  }
  return names;
}

/** The output of a build named `name` (e.g. extension.js), as the metafile has it. */
const output = (result, name) => Object.entries(result.metafile.outputs).find(([file]) => file.endsWith(`/${name}`))[1];

/** The modules of our code (src/) in an output of a build. */
const modulesOf = (result, name) => Object.keys(output(result, name).inputs).filter((key) => key.startsWith('src/'));

async function buildAll() {
  // 1. extension.js on its own: which modules activation has, and which our code loads with import().
  const probe = await esbuild.build({ ...mainOptions(new Map()), write: false });
  const inMain = new Set(modulesOf(probe, 'extension.js'));
  const lazyTargets = Object.keys(probe.metafile.inputs)
    .filter((key) => key.startsWith('other:'))
    .map((key) => key.slice('other:'.length))
    .sort();
  // 2. What lazy.js takes from extension.js; 3. lazy.js; 4. extension.js exposing what lazy.js takes.
  const lazyProbe = await esbuild.build(lazyOptions(lazyTargets, inMain, true));
  const shared = importedNames(lazyProbe.outputFiles.find((f) => f.path.endsWith('.js')).text, inMain);
  const lazy = await esbuild.build(lazyOptions(lazyTargets, inMain));
  const main = await esbuild.build(mainOptions(shared));
  const vendor = await esbuild.build({
    ...common,
    entryPoints: VENDOR.map((name) => ({ in: name, out: `vendor/${name}` })),
  });
  const twice = modulesOf(lazy, 'lazy.js').filter((key) => inMain.has(key));
  if (twice.length > 0) {
    throw new Error(`esbuild.mjs: in both extension.js and lazy.js: ${twice.join(', ')}`);
  }
  const kb = (result, name) => `${(output(result, name).bytes / 1024).toFixed(1)} KB`;
  console.log(
    `esbuild: ${outdir}/extension.js ${kb(main, 'extension.js')}; on first use: lazy.js ${kb(lazy, 'lazy.js')}, ` +
      `${VENDOR.map((name) => `${name} ${kb(vendor, `vendor/${name}.js`)}`).join(', ')}` +
      `${production ? ' (production)' : ''}`,
  );
}

// A build starts from an empty dist/: the .vsix takes dist/ as it is (.vscodeignore), never a file of an older build.
rmSync(outdir, { recursive: true, force: true });
await buildAll();
if (watch) {
  let timer;
  watchFiles('src', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => buildAll().catch((error) => console.error(error.message)), 100);
  });
  console.log('esbuild: watching src/ for changes');
}
