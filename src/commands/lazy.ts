// Command tables loaded on first use (vscode-free): their ids are registered at activation, the code behind them is
// loaded (and parsed) only when one of them first runs, which keeps activation small.
import { report, runInBoundary, type BoundaryDeps } from './boundary';
import type { CommandEntry } from './explorerCommands';

/** A table as register.ts takes it: entries with rights, or handlers by id. */
export type CommandTable = Readonly<Record<string, (...args: unknown[]) => Promise<unknown>>> | readonly CommandEntry[];

export function entriesOf(table: CommandTable): readonly CommandEntry[] {
  return Array.isArray(table)
    ? (table as readonly CommandEntry[])
    : Object.entries(table as Record<string, CommandEntry['handler']>).map(([id, handler]) => ({ id, handler }));
}

/** Finds an id's entry in a table loaded once, on the first lookup; a failed load is tried again on the next one. */
export function lazyTable(load: () => Promise<CommandTable>): (id: string) => Promise<CommandEntry> {
  let table: Promise<ReadonlyMap<string, CommandEntry>> | undefined;
  return async (id) => {
    table ??= load().then(
      (t) => new Map(entriesOf(t).map((e) => [e.id, e])),
      (error: unknown) => {
        table = undefined;
        throw error;
      },
    );
    const entry = (await table).get(id);
    if (!entry) {
      throw new Error(`The command ${id} has no handler.`);
    }
    return entry;
  };
}

/** One run of a lazily loaded command, behind the error boundary with the entry's rights; never throws. */
export async function runLazyCommand(
  id: string,
  args: unknown[],
  entry: (id: string) => Promise<CommandEntry>,
  deps: BoundaryDeps,
): Promise<void> {
  let found: CommandEntry;
  try {
    found = await entry(id);
  } catch (error) {
    void report(id, error, deps).catch(() => undefined);
    return;
  }
  await runInBoundary(id, () => found.handler(...args), deps, found.rights);
}
