// Server refusals a create wizard answers by going back to the step that caused them (see runWizardUntilAccepted).
import { TtsError } from '../tts/errors';
import type { RefusedAt } from '../ui/wizard';

/** A taken or forbidden ID: back to the ID step. */
export const takenIdAt =
  (step: number) =>
  (error: unknown): RefusedAt | undefined =>
    error instanceof TtsError && (error.errorName === 'id_taken' || error.errorName === 'forbidden_id')
      ? { step, message: `${error.userMessage}. Choose another ID; your other answers are kept.` }
      : undefined;

/** An unknown user or organization (TTS: account_not_found): back to the ID step. */
export const unknownAccountAt =
  (step: number) =>
  (error: unknown): RefusedAt | undefined =>
    error instanceof TtsError && error.status === 404 && /^(account|user|organization)_not_found$/.test(error.errorName)
      ? { step, message: `${error.userMessage}. Check the ID; your other answers are kept.` }
      : undefined;
