// In-memory stand-ins for VS Code's SecretStorage, Memento and settings, shared by windows in multi-window tests.
import type { SecretStore } from '../../src/auth/repository';
import { recordSink } from './leakSinks';

export type SecretOp = 'get' | 'store' | 'delete';

/**
 * One window's view of a shared MemorySecrets, shaped like VS Code's SecretStorage: its own onDidChange({key}),
 * delivered asynchronously to every open window (VS Code's main thread broadcasts each change to all extension
 * hosts, the writer's included), and dispose() as when the window closes or reloads.
 */
export interface SecretWindow extends SecretStore {
  onDidChange(listener: (e: { key: string }) => void): { dispose(): void };
  dispose(): void;
}

export class MemorySecrets implements SecretStore {
  readonly data = new Map<string, string>();
  private readonly listeners = new Set<(key: string) => void>();
  private readonly windows = new Set<Set<(e: { key: string }) => void>>();
  /** Set to make every call fail, as a locked keyring does. */
  failWith: Error | undefined;
  /** A fault for one call: return an Error to reject it (nothing changes), undefined to let it through. */
  failOn: ((op: SecretOp, key: string) => Error | undefined) | undefined;
  /**
   * Event-loop turns (setImmediate) each call waits before it takes effect, and each change notification before it
   * is delivered: random per call, like VS Code's IPC to the main process, yet nothing depends on wall-clock time.
   * Undefined (default): one microtask, as before.
   */
  delayTurns: (() => number) | undefined;
  writes = 0;
  readonly calls: Record<SecretOp, number> = { get: 0, store: 0, delete: 0 };

  private async enter(op: SecretOp, key: string): Promise<void> {
    this.calls[op]++;
    await Promise.resolve();
    await this.turns();
    if (this.failWith) {
      throw this.failWith;
    }
    const fault = this.failOn?.(op, key);
    if (fault) {
      throw fault;
    }
  }

  private async turns(): Promise<void> {
    for (let n = this.delayTurns?.() ?? 0; n > 0; n--) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private changed(key: string): void {
    this.listeners.forEach((l) => l(key));
    for (const window of this.windows) {
      void this.turns().then(() => window.forEach((l) => l({ key })));
    }
  }

  async get(key: string): Promise<string | undefined> {
    await this.enter('get', key);
    return this.data.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    await this.enter('store', key);
    this.writes++;
    this.data.set(key, value);
    this.changed(key);
  }

  async delete(key: string): Promise<void> {
    await this.enter('delete', key);
    this.data.delete(key);
    this.changed(key);
  }

  onDidChange(listener: (key: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A new window on this store (see SecretWindow). */
  window(): SecretWindow {
    const listeners = new Set<(e: { key: string }) => void>();
    this.windows.add(listeners);
    return {
      get: (key) => this.get(key),
      store: (key, value) => this.store(key, value),
      delete: (key) => this.delete(key),
      onDidChange: (listener) => {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
      dispose: () => {
        listeners.clear();
        this.windows.delete(listeners);
      },
    };
  }

  /** Every stored value, for leak scans. */
  dump(): string {
    return [...this.data.entries()].map(([k, v]) => `${k}=${v}`).join('\n');
  }
}

/** A Memento; every write is also handed to the suite-wide leak scan as a `scope` entry (leakSinks.ts). */
export class MemoryMemento {
  private readonly data = new Map<string, unknown>();
  constructor(private readonly scope: 'globalState' | 'workspaceState' = 'globalState') {}
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.data.has(key) ? this.data.get(key) : fallback) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    recordSink(this.scope, `${key}=${JSON.stringify(value)}`);
    this.data.set(key, value);
  }
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
}

/** The extension's settings (`thingsStack.*`); every write is also handed to the leak scan as a 'settings' entry. */
export class MemorySettings {
  readonly data = new Map<string, unknown>();
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.data.has(key) ? this.data.get(key) : fallback) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    recordSink('settings', `${key}=${JSON.stringify(value)}`);
    this.data.set(key, value);
  }
  /** Every value, for "no token in the settings" checks. */
  dump(): string {
    return [...this.data.entries()].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('\n');
  }
}
