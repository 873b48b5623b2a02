// The one error boundary every command runs through (vscode-free): cancellation stays silent; a TTS error shows its
// message and correlation id (naming a missing right); network trouble says so plainly; anything unexpected is
// logged with its stack and shown as a generic message.
import { BadResponseError, NetworkError, RedirectRefusedError, TimeoutError, TtsError } from '../tts/errors';
import type { Right } from '../tts/rights';
import { CommandError, describeError } from '../ui/errorText';
import { isCancellation } from '../util/cancellation';

export interface BoundaryLog {
  warn(message: string): void;
  error(message: string | Error): void;
}

export interface BoundaryUi {
  error(message: string, ...actions: string[]): Promise<string | undefined>;
}

export interface BoundaryDeps {
  ui: BoundaryUi;
  log: BoundaryLog;
  /** Opens the log when the user asks from an unexpected error's message. */
  showLog?(): void;
}

const SHOW_LOG = 'Show Log';

/** The boundary's dependencies from a Ui and a log (whose `show`, if any, is what "Show Log" opens). */
export function boundaryDeps(ui: BoundaryUi, log: BoundaryLog & { show?(): void }): BoundaryDeps {
  return { ui, log, showLog: log.show ? (): void => log.show?.() : undefined };
}

/** Runs one command invocation; never throws, and never waits for the message it shows to be closed. */
export async function runInBoundary(
  id: string,
  run: () => Promise<unknown>,
  deps: BoundaryDeps,
  rights: readonly Right[] = [],
): Promise<void> {
  try {
    await run();
  } catch (error) {
    // The message is on screen once report() has started; the command is over even while the toast stays open.
    void report(id, error, deps, rights).catch(() => undefined);
  }
}

export async function report(
  id: string,
  error: unknown,
  deps: BoundaryDeps,
  rights: readonly Right[] = [],
): Promise<void> {
  if (isCancellation(error)) {
    return;
  }
  const message = describeError(error, rights);
  if (error instanceof CommandError) {
    await deps.ui.error(message);
    return;
  }
  if (error instanceof TtsError) {
    deps.log.warn(`${id}: ${error.id} HTTP ${error.status}: ${error.userMessage}`);
    await deps.ui.error(message);
    return;
  }
  if (
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    error instanceof BadResponseError ||
    error instanceof RedirectRefusedError
  ) {
    deps.log.warn(`${id}: ${error.name}: ${error.message}`);
    await deps.ui.error(message);
    return;
  }
  deps.log.error(
    `${id} failed unexpectedly: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`,
  );
  const choice = await deps.ui.error(message, ...(deps.showLog ? [SHOW_LOG] : []));
  if (choice === SHOW_LOG) {
    deps.showLog?.();
  }
}
