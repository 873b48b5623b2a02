// What the user reads when a sign-in attempt fails ("Sign-in failed: …", with Try Another Way / Retry). The reason
// can quote the server (a token-endpoint error) or a callback (an authorize refusal), so it is plain text.
import { SignInTimeoutError } from './attempts';
import { plainText } from '../util/plainText';

/** The reason alone, for the log and the notification. */
export function signInFailureReason(error: unknown): string {
  if (error instanceof SignInTimeoutError) {
    return 'The browser did not come back to VS Code within 5 minutes.';
  }
  const text =
    error instanceof Error
      ? 'userMessage' in error
        ? String((error as { userMessage: unknown }).userMessage)
        : error.message
      : String(error);
  return plainText(text, 500);
}

/** The notification's text. */
export function signInFailureText(error: unknown): string {
  return `Sign-in failed: ${signInFailureReason(error)}`;
}
