// The one cancellation concept: the user closed a prompt, pressed Cancel or Back, or a request's AbortSignal fired.
// The command boundary stays silent for all of them. Back is a cancellation of one step: the wizard that asked
// catches it (isGoBack) and asks the step before again; where nothing catches it, it ends the command like any other.

export class UserCancelledError extends Error {
  override readonly name: string = 'UserCancelledError';
  constructor(message = 'Cancelled by the user.') {
    super(message);
  }
}

/** The user pressed the Back button of a multi-step prompt. */
export class GoBackError extends UserCancelledError {
  override readonly name = 'GoBackError';
  constructor() {
    super('Back.');
  }
}

export function isGoBack(error: unknown): error is GoBackError {
  return error instanceof GoBackError;
}

/**
 * Whether an error is a cancellation: ours, an aborted fetch (`AbortError`), or `vscode.CancellationError` (name
 * "Canceled"; matched by name, so this stays vscode-free).
 */
export function isCancellation(error: unknown): boolean {
  return (
    error instanceof UserCancelledError ||
    (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError'))
  );
}

/** `promise`, or a UserCancelledError as soon as `signal` aborts (the work itself goes on, for other callers). */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(new UserCancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new UserCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
