// In-memory stand-ins for VS Code's SecretStorage and Memento, shared by windows in multi-window tests.
import type { SecretStore } from '../../src/auth/repository';

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

export class MemoryMemento {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.data.has(key) ? this.data.get(key) : fallback) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
}
