// The multi-step driver: step numbers, Back, skipped steps, starting later, cancellation.
import { strict as assert } from 'node:assert';
import { runWizard, type WizardStep } from '../../../src/ui/wizard';
import { type StepInfo } from '../../../src/ui/ui';
import { ScriptedUi } from '../../support/scriptedUi';
import { UserCancelledError } from '../../../src/util/cancellation';

interface S {
  a: string;
  b: string;
  c: string;
  skipB: boolean;
}

function steps(ui: ScriptedUi, seen: StepInfo[]): WizardStep<S>[] {
  const ask =
    (field: 'a' | 'b' | 'c') =>
    async (s: S, step: StepInfo): Promise<void> => {
      seen.push(step);
      s[field] = await ui.input({ title: 'W', step, prompt: field, value: s[field] });
    };
  return [{ run: ask('a') }, { run: ask('b'), skip: (s) => s.skipB }, { run: ask('c') }];
}

describe('wizard', () => {
  it('numbers steps, shows Back after the first, and returns to the previous step', async () => {
    const ui = new ScriptedUi([{ input: 'a1' }, { input: 'b1' }, { back: true }, { input: 'b2' }, { input: 'c1' }]);
    const seen: StepInfo[] = [];
    const state = await runWizard(steps(ui, seen), { a: '', b: '', c: '', skipB: false });
    assert.deepEqual(state, { a: 'a1', b: 'b2', c: 'c1', skipB: false });
    assert.deepEqual(
      seen.map((s) => `${s.step}/${s.total}${s.back ? '<' : ''}`),
      ['1/3', '2/3<', '3/3<', '2/3<', '3/3<'],
    );
  });

  it('skips steps that do not apply and counts only the others', async () => {
    const ui = new ScriptedUi([{ input: 'a' }, { back: true }, { input: 'a2' }, { input: 'c2' }]);
    const seen: StepInfo[] = [];
    const state = await runWizard(steps(ui, seen), { a: '', b: '', c: '', skipB: true });
    assert.deepEqual([state.a, state.c], ['a2', 'c2']);
    assert.deepEqual(
      seen.map((s) => `${s.step}/${s.total}`),
      ['1/2', '2/2', '1/2', '2/2'],
    );
  });

  it('starts at a later step with Back to the earlier ones', async () => {
    const ui = new ScriptedUi([{ input: 'b' }, { back: true }, { input: 'a' }, { input: 'b' }, { input: 'c' }]);
    const seen: StepInfo[] = [];
    await runWizard(steps(ui, seen), { a: 'x', b: '', c: '', skipB: false }, 1);
    assert.equal(seen[0].back, true);
  });

  it('stops on cancel', async () => {
    const ui = new ScriptedUi([{ input: 'a' }, { cancel: true }]);
    await assert.rejects(runWizard(steps(ui, []), { a: '', b: '', c: '', skipB: false }), UserCancelledError);
  });
});
