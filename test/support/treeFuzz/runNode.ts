// Runs an action sequence against the explorer in the Node model of VS Code's tree and reports the first problem
// with the seed, the action and the steps before it, so `runNodeFuzz(seed, n)` replays it exactly.
import { actions, describe as say } from './actions';
import { VirtualExplorer } from './virtualExplorer';

export interface FuzzResult {
  seed: number;
  actions: number;
  checks: number;
  /** Empty when every settled state was right. */
  problems: string[];
}

export async function runNodeFuzz(seed: number, n: number, freshEvery = 3): Promise<FuzzResult> {
  const list = actions(seed, n);
  const x = await VirtualExplorer.start({ seed });
  let checks = 0;
  try {
    for (let i = 0; i < list.length; i++) {
      const action = list[i];
      await x.run(action);
      if (action.kind === 'click' && action.quick) {
        continue;
      }
      checks++;
      const problems = await x.check(freshEvery);
      if (problems.length > 0) {
        return {
          seed,
          actions: i + 1,
          checks,
          problems: [
            `seed ${seed}, action ${i + 1} of ${n}: ${say(action)}`,
            ...problems,
            'the actions before it:',
            ...list.slice(Math.max(0, i - 10), i).map((a) => `  ${say(a)}`),
            'the screen:',
            ...x.text().map((r) => `  ${r}`),
          ],
        };
      }
    }
    return { seed, actions: list.length, checks, problems: [] };
  } finally {
    await x.close();
  }
}
