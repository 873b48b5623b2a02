// Registers command tables with VS Code, every handler behind the one error boundary (boundary.ts).
import * as vscode from 'vscode';
import { runInBoundary, type BoundaryLog, type BoundaryUi } from './boundary';
import type { CommandEntry } from './table';

export type CommandTable = Readonly<Record<string, (...args: unknown[]) => Promise<unknown>>> | readonly CommandEntry[];

export interface RegisterLog extends BoundaryLog {
  show?(): void;
}

const messages: BoundaryUi = {
  error: async (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
};

function entriesOf(table: CommandTable): readonly CommandEntry[] {
  return Array.isArray(table)
    ? (table as readonly CommandEntry[])
    : Object.entries(table as Record<string, CommandEntry['handler']>).map(([id, handler]) => ({ id, handler }));
}

/** Registers every entry; the returned disposable unregisters them all. */
export function registerCommands(table: CommandTable, log: RegisterLog, ui: BoundaryUi = messages): vscode.Disposable {
  const showLog = log.show ? (): void => log.show?.() : undefined;
  return vscode.Disposable.from(...entriesOf(table).map((entry) =>
    vscode.commands.registerCommand(entry.id, (...args: unknown[]) =>
      runInBoundary(entry.id, () => entry.handler(...args), { ui, log, showLog }, entry.rights))));
}
