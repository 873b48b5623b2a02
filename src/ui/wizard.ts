// A multi-step input: one function per step over a shared state, with Back. Steps can be skipped depending on
// earlier answers; the step count shown ("3/7") counts only the steps that apply.
import { isGoBack } from '../util/cancellation';
import type { StepInfo, Validation } from './ui';

/** The server refused a value a step asked for (a taken ID, an unknown user). */
export interface Refusal {
  value: string;
  message: string;
}

/**
 * The step's check, except that the refused value shows the server's reason as an error: the wizard goes back to
 * that step and says there what was wrong, instead of in a toast.
 */
export function refusedOr(
  refusal: Refusal | undefined,
  check: (value: string) => Validation | undefined,
): (value: string) => Validation | undefined {
  return (value) =>
    refusal && value.trim() === refusal.value ? { severity: 'error', message: refusal.message } : check(value);
}

export interface WizardStep<S> {
  /** Asks for one thing and writes it into the state; throws GoBackError or UserCancelledError. */
  run(state: S, step: StepInfo): Promise<void>;
  /** Skip this step for the current state (e.g. admin-only fields). */
  skip?(state: S): boolean;
}

/** Runs the steps from `start` (e.g. back to the ID after the server refused it); earlier answers stay in `state`. */
export async function runWizard<S>(steps: readonly WizardStep<S>[], state: S, start = 0): Promise<S> {
  const history: number[] = [];
  for (let i = 0; i < start; i++) {
    if (!steps[i].skip?.(state)) {
      history.push(i);
    }
  }
  let index = start;
  while (index < steps.length) {
    const step = steps[index];
    if (step.skip?.(state)) {
      index++;
      continue;
    }
    const active = steps.filter((s) => !s.skip?.(state));
    const position = active.indexOf(step) + 1;
    try {
      await step.run(state, { step: position, total: active.length, back: history.length > 0 });
      history.push(index);
      index++;
    } catch (error) {
      if (!isGoBack(error) || history.length === 0) {
        throw error;
      }
      index = history.pop()!;
    }
  }
  return state;
}

/** Where a refused answer sends the wizard back to, and what to say there. */
export interface RefusedAt {
  step: number;
  message: string;
}

/**
 * Runs the wizard, then `submit`s its answers. When `refusedAt` recognises the failure (a taken ID, an unknown
 * user), the wizard goes back to that step with the reason shown there and tries again; answers are kept.
 */
export async function runWizardUntilAccepted<S extends { id: string; refused?: Refusal }, R>(
  steps: readonly WizardStep<S>[],
  state: S,
  submit: (state: S) => Promise<R>,
  refusedAt: (error: unknown) => RefusedAt | undefined,
): Promise<R> {
  let start = 0;
  for (;;) {
    await runWizard(steps, state, start);
    try {
      return await submit(state);
    } catch (error) {
      const refusal = refusedAt(error);
      if (!refusal) {
        throw error;
      }
      state.refused = { value: state.id, message: refusal.message };
      start = refusal.step;
    }
  }
}
