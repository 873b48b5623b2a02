// A Ui for the extension-host suites: the window's real Ui with its prompts answered from a list, in order. An
// answer its box refuses is collected in `refused` (as the box shows it while the user types) and the box stays open
// for the next answer; `replace` swaps in other methods (e.g. a message that presses a button).
import { strict as assert } from 'node:assert';
import type { ConfirmOptions, InputOptions, PickOptions, Ui } from '../../src/ui/ui';

export function answeringUi(real: Ui, answers: string[], replace: Partial<Ui> = {}): { ui: Ui; refused: string[] } {
  const refused: string[] = [];
  const scripted: Partial<Ui> = {
    input: async (o: InputOptions): Promise<string> => {
      for (;;) {
        const next = answers.shift();
        assert.ok(next !== undefined, `unexpected prompt: ${o.prompt}`);
        const check = o.validate?.(next);
        if (check?.severity === 'error') {
          refused.push(check.message);
          continue;
        }
        return next;
      }
    },
    pick: async <T>(o: PickOptions<T>): Promise<T> => {
      const next = answers.shift();
      const item = o.items.find((i) => i.label === next);
      assert.ok(item, `no "${next}" in ${o.title}: ${o.items.map((i) => i.label).join(', ')}`);
      return item.value;
    },
    confirm: async (o: ConfirmOptions): Promise<boolean> => {
      const next = answers.shift();
      assert.ok(next === 'yes' || next === 'no', `unexpected question: ${o.message}`);
      return next === 'yes';
    },
    ...replace,
  };
  const ui = new Proxy(real, {
    get(target, prop) {
      const value = (scripted[prop as keyof Ui] ?? Reflect.get(target, prop)) as unknown;
      return typeof value === 'function' && !(prop in scripted)
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { ui, refused };
}
