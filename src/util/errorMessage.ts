// An error as one line of text for a log line or a message: its message, or (something thrown that is not an Error)
// the thing itself as text. What a user reads about a failure is ui/errorText.ts's describeError.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
