// In-memory stand-ins for VS Code's SecretStorage, Memento and settings, shared by windows in multi-window tests.
import type { SecretStore } from '../../src/auth/repository';
import { recordSink } from './leakSinks';

export class MemorySecrets implements SecretStore {
  readonly data = new Map<string, string>();
  private readonly listeners = new Set<(key: string) => void>();
  /** Set to make every call fail, as a locked keyring does. */
  failWith: Error | undefined;
  writes = 0;

  async get(key: string): Promise<string | undefined> {
    await Promise.resolve();
    if (this.failWith) {
      throw this.failWith;
    }
    return this.data.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    await Promise.resolve();
    if (this.failWith) {
      throw this.failWith;
    }
    this.writes++;
    this.data.set(key, value);
    this.listeners.forEach((l) => l(key));
  }

  async delete(key: string): Promise<void> {
    await Promise.resolve();
    if (this.failWith) {
      throw this.failWith;
    }
    this.data.delete(key);
    this.listeners.forEach((l) => l(key));
  }

  onDidChange(listener: (key: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
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
