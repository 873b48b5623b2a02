// A stand-in for the `vscode` module, good enough to load the bundle and run activate() or build tree items
// outside VS Code: every property is a callable, constructible no-op; constructed objects keep what is set on them.
import { readFileSync } from 'node:fs';
import Module from 'node:module';

type AnyFn = (...args: unknown[]) => unknown;

const noop = (): void => {
  /* no-op */
};
const noEvent = (): { dispose(): void } => ({ dispose: noop });

// One fake per name: `vscode.TreeItemCollapsibleState.None` is the same object every time, as the real value is.
const fakes = new Map<string, unknown>();

/** API calls that return a Thenable which activation waits on: they answer as an empty workspace would. */
const ASYNC_RESULTS: Record<string, () => unknown> = {
  'workspace.findFiles': () => Promise.resolve([]),
};

function fake(name: string): unknown {
  const known = fakes.get(name);
  if (known) {
    return known;
  }
  const target = function () {
    /* callable */
  } as unknown as AnyFn;
  const proxy = new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') {
        return undefined; // not a promise
      }
      if (prop === Symbol.toPrimitive) {
        return () => name;
      }
      if (prop === 'event') {
        return () => ({
          dispose() {
            /* no-op */
          },
        });
      }
      return fake(`${name}.${String(prop)}`);
    },
    set() {
      return true; // assignments to API objects (item.text = …) are accepted and forgotten
    },
    apply() {
      return ASYNC_RESULTS[name]?.() ?? fake(`${name}()`);
    },
    construct(_t, args) {
      // TreeItem(label, collapsibleState) and the like: a plain object that records its fields.
      // Its methods are shared, so the tree bench's heap per item counts the fields, not a bench artefact.
      return { label: args[0], collapsibleState: args[1], dispose: noop, event: noEvent, fire: noop };
    },
  });
  fakes.set(name, proxy);
  return proxy;
}

/** The names `vscode` exports (from its type declarations): the module object has each as a property. */
function exportedNames(): string[] {
  const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [
    ...new Set(
      [...dts.matchAll(/^\t?(?: {4})?export (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]),
    ),
  ];
}

let installed = false;

/** Makes `require('vscode')` return the fake for the rest of the process. */
export function installFakeVscode(): void {
  if (installed) {
    return;
  }
  installed = true;
  const vscode: Record<string, unknown> = {};
  for (const name of exportedNames()) {
    Object.defineProperty(vscode, name, { value: fake(name), enumerable: true });
  }
  const original = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (
    request: string,
    ...rest: unknown[]
  ) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
}
