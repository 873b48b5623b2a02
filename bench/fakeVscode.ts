// A stand-in for the `vscode` module, good enough to load an extension's bundle and run activate() or build tree
// items outside VS Code. Most of the API is a callable, constructible no-op (constructed objects keep what is set on
// them); the few parts an activation reads values from answer as VS Code does in a new window with default
// settings: settings give their defaults, `l10n.t` formats its message, telemetry is off, an EventEmitter delivers
// events, `Disposable.from` disposes what it was given. Both extensions the activation bench loads (this one and VS
// Code's own github-authentication) run through the same fake.
import { readFileSync } from 'node:fs';
import Module from 'node:module';

type AnyFn = (...args: unknown[]) => unknown;
interface Disposable {
  dispose(): void;
}

const noop = (): void => {
  /* no-op */
};
const noEvent = (): Disposable => ({ dispose: noop });

/** With BENCH_TRACE_VSCODE=1 set, the API names an activation touched are printed (what the fake must answer). */
const touched = process.env.BENCH_TRACE_VSCODE ? new Set<string>() : undefined;

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
  if (name.includes('.')) {
    touched?.add(name);
  }
  const target = function () {
    /* callable */
  } as unknown as AnyFn;
  const proxy: AnyFn = new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') {
        return undefined; // not a promise
      }
      if (prop === Symbol.toPrimitive) {
        return () => name;
      }
      if (prop === 'event') {
        return noEvent;
      }
      return fake(`${name}.${String(prop)}`);
    },
    set() {
      return true; // assignments to API objects (item.text = …) are accepted and forgotten
    },
    apply() {
      return ASYNC_RESULTS[name]?.() ?? fake(`${name}()`);
    },
    construct(_t, args, newTarget): object {
      // TreeItem(label, collapsibleState) and the like: a plain object that records its fields. Its methods are
      // shared, so the tree bench's heap per item counts the fields, not a bench artefact. A subclass of an API
      // class keeps its own prototype (its methods).
      const fields = { label: args[0], collapsibleState: args[1], dispose: noop, event: noEvent, fire: noop };
      return newTarget === proxy ? fields : Object.assign(Object.create(newTarget.prototype as object), fields);
    },
  });
  fakes.set(name, proxy);
  return proxy;
}

/** vscode.EventEmitter: `event` subscribes, `fire` calls the listeners. */
class EventEmitter<T> {
  private listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    [...this.listeners].forEach((listener) => listener(value));
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** vscode.Disposable, with `from`. */
class FakeDisposable implements Disposable {
  constructor(private readonly callOnDispose: () => void) {}
  static from(...items: Disposable[]): FakeDisposable {
    return new FakeDisposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

/** Settings as in a new profile: every key has the default its extension's package.json gives (or undefined). */
function configuration(defaults: Record<string, unknown>) {
  return (section?: string) => {
    const full = (key: string): string => (section ? `${section}.${key}` : key);
    return {
      get: (key: string, fallback?: unknown) => defaults[full(key)] ?? fallback,
      has: (key: string) => full(key) in defaults,
      inspect: (key: string) => ({ key: full(key), defaultValue: defaults[full(key)] }),
      update: () => Promise.resolve(),
    };
  };
}

/** `l10n.t('{0} of {1}', a, b)` and `l10n.t({ message, args })`: the message with its arguments filled in. */
function translate(message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string {
  const text = typeof message === 'string' ? message : message.message;
  const values = typeof message === 'string' ? args : (message.args ?? []);
  return text.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < values.length ? String(values[+i]) : whole));
}

/** A telemetry logger with telemetry off (as a user who turned it off, and as the tests run). */
const telemetryLogger = () => ({
  isUsageEnabled: false,
  isErrorsEnabled: false,
  onDidChangeEnableStates: noEvent,
  logUsage: noop,
  logError: noop,
  dispose: noop,
});

/** The names `vscode` exports (from its type declarations): the module object has each as a property. */
function exportedNames(): string[] {
  const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [
    ...new Set(
      [...dts.matchAll(/^\t?(?: {4})?export (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]),
    ),
  ];
}

/** A namespace whose listed members are real and whose others are fakes. */
function partly(name: string, real: Record<string, unknown>): unknown {
  return new Proxy(real, { get: (t, prop) => (prop in t ? t[prop as string] : fake(`${name}.${String(prop)}`)) });
}

let installed = false;

/**
 * Makes `require('vscode')` return the fake for the rest of the process. `defaults`: the setting defaults of the
 * extension that runs (contributes.configuration of its package.json, by full key).
 */
export function installFakeVscode(defaults: Record<string, unknown> = {}): void {
  if (installed) {
    return;
  }
  installed = true;
  const vscode: Record<string, unknown> = {};
  for (const name of exportedNames()) {
    Object.defineProperty(vscode, name, { value: fake(name), enumerable: true, configurable: true });
  }
  const real: Record<string, unknown> = {
    EventEmitter,
    Disposable: FakeDisposable,
    // A new window on no folder, as the code-server of the tests opens: no folder, document or editor yet.
    workspace: partly('workspace', {
      getConfiguration: configuration(defaults),
      workspaceFolders: undefined,
      textDocuments: [],
    }),
    window: partly('window', { activeTextEditor: undefined, visibleTextEditors: [] }),
    l10n: partly('l10n', { t: translate }),
    env: partly('env', {
      createTelemetryLogger: telemetryLogger,
      language: 'en',
      remoteName: undefined,
      uiKind: 1, // UIKind.Desktop
    }),
    version: '1.99.3',
  };
  for (const [name, value] of Object.entries(real)) {
    Object.defineProperty(vscode, name, { value, enumerable: true });
  }
  const original = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (
    request: string,
    ...rest: unknown[]
  ) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
  if (touched) {
    process.on('exit', () => process.stderr.write(`vscode API touched:\n  ${[...touched].sort().join('\n  ')}\n`));
  }
}

/** The setting defaults a package.json contributes, by full key. */
export function settingDefaults(packageJson: {
  contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } | unknown[] };
}): Record<string, unknown> {
  const configuration = packageJson.contributes?.configuration;
  const sections = (Array.isArray(configuration) ? configuration : [configuration]) as {
    properties?: Record<string, { default?: unknown }>;
  }[];
  return Object.fromEntries(
    sections.flatMap((s) => Object.entries(s?.properties ?? {}).map(([key, p]) => [key, p.default] as const)),
  );
}
