// Every command of the extension, from the tables of each layer (explorer, accounts, live events, formatters): an
// id, its handler and the rights it needs. The ids come from the tables and nowhere else; VS Code registration
// (vscode/register.ts) finds each handler here when the command runs, and so does the extension-host test that
// checks every command package.json contributes has one. vscode-free.
import type { Right } from '../tts/rights';

export interface CommandEntry {
  id: string;
  handler: (...args: unknown[]) => Promise<unknown>;
  /** The rights the operation needs, named when TTS refuses without saying which. */
  rights?: readonly Right[];
}

export class CommandTable {
  private readonly entries = new Map<string, CommandEntry>();

  constructor(...tables: (readonly CommandEntry[])[]) {
    for (const entry of tables.flat()) {
      if (this.entries.has(entry.id)) {
        throw new Error(`The command ${entry.id} is in two tables.`);
      }
      this.entries.set(entry.id, entry);
    }
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry a run of `id` uses; undefined when no table has it. */
  resolve(id: string): CommandEntry | undefined {
    return this.entries.get(id);
  }
}
