// Every notification, modal and progress notification of the extension goes through here; ESLint forbids
// vscode.window.show*Message and withProgress anywhere else. VS Code turns `[label](command:…)` in their text into a
// link that runs the command, so each text passes through withoutLinks (util/plainText.ts) on its way out: whatever
// path a server's or a callback's words took, they reach the screen as plain text.
import vscode = require('vscode');
import { withoutLinks } from '../util/plainText';

export function showInfo<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
  return vscode.window.showInformationMessage(withoutLinks(message), ...actions);
}

export function showWarning<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(withoutLinks(message), ...actions);
}

export function showError<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(withoutLinks(message), ...actions);
}

/** A modal warning with a detail text; resolves with the action pressed (undefined when closed). */
export function showModal<T extends string>(
  message: string,
  detail: string | undefined,
  ...actions: T[]
): Thenable<T | undefined> {
  const options = { modal: true, detail: detail === undefined ? undefined : withoutLinks(detail) };
  return vscode.window.showWarningMessage(withoutLinks(message), options, ...actions);
}

/** Runs `task` under a cancellable progress notification; cancelling aborts the signal it gets. */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: withoutLinks(title), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return task(controller.signal);
    },
  );
}

/** The progress bar of a view (no text) while `work` runs. */
export function viewProgress(viewId: string, work: Promise<unknown>): void {
  void vscode.window.withProgress({ location: { viewId } }, () => work);
}
