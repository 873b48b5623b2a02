// The one cancellation concept: the user closed a prompt, pressed Cancel, or a request's AbortSignal fired. The
// command boundary stays silent for all of them.

export class UserCancelledError extends Error {
  override readonly name: string = 'UserCancelledError';
  constructor(message = 'Cancelled by the user.') {
    super(message);
  }
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
