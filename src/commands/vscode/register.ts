// Registers command tables with VS Code, every handler behind the one error boundary (boundary.ts).
import vscode = require('vscode');
import { showError } from '../../platform/notifications';
import { runInBoundary, type BoundaryDeps, type BoundaryLog, type BoundaryUi } from '../boundary';
import { entriesOf, lazyTable, runLazyCommand, type CommandTable } from '../lazy';

export type { CommandTable } from '../lazy';

export interface RegisterLog extends BoundaryLog {
  show?(): void;
}

const messages: BoundaryUi = {
  error: async (message, ...actions) => showError(message, ...actions),
};

function boundaryDeps(log: RegisterLog, ui: BoundaryUi): BoundaryDeps {
  return { ui, log, showLog: log.show ? (): void => log.show?.() : undefined };
}

/** Registers every entry; the returned disposable unregisters them all. */
export function registerCommands(table: CommandTable, log: RegisterLog, ui: BoundaryUi = messages): vscode.Disposable {
  const deps = boundaryDeps(log, ui);
  return vscode.Disposable.from(
    ...entriesOf(table).map((entry) =>
      vscode.commands.registerCommand(entry.id, (...args: unknown[]) =>
        runInBoundary(entry.id, () => entry.handler(...args), deps, entry.rights),
      ),
    ),
  );
}

/** Registers `ids` now; `load` brings their table (and its code) on the first run of any of them. */
export function registerLazyCommands(
  ids: readonly string[],
  load: () => Promise<CommandTable>,
  log: RegisterLog,
  ui: BoundaryUi = messages,
): vscode.Disposable {
  const deps = boundaryDeps(log, ui);
  const entry = lazyTable(load);
  return vscode.Disposable.from(
    ...ids.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => runLazyCommand(id, args, entry, deps)),
    ),
  );
}
