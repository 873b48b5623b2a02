// Registers the command table with VS Code: each command finds its handler in the table when it runs, behind the
// one error boundary (boundary.ts).
import vscode = require('vscode');
import { boundaryDeps, runInBoundary, type BoundaryLog, type BoundaryUi } from '../boundary';
import type { CommandTable } from '../table';

export interface RegisterLog extends BoundaryLog {
  show?(): void;
}

/** Registers every id of the table; the returned disposable unregisters them all. */
export function registerCommands(table: CommandTable, log: RegisterLog, ui: BoundaryUi): vscode.Disposable {
  const deps = boundaryDeps(ui, log);
  return vscode.Disposable.from(
    ...table.ids().map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        const entry = table.resolve(id);
        return runInBoundary(
          id,
          async () => {
            if (!entry) {
              throw new Error(`The command ${id} has no handler.`);
            }
            return entry.handler(...args);
          },
          deps,
          entry?.rights,
        );
      }),
    ),
  );
}
