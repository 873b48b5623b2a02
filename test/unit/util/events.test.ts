import { strict as assert } from 'node:assert';
import { Emitter, toDisposable } from '../../../src/util/events';

describe('Emitter and toDisposable', () => {
  it('calls the listeners subscribed when it fires, stops after dispose of a subscription or of the emitter', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const a = emitter.event((n) => seen.push(`a${n}`));
    emitter.event((n) => {
      seen.push(`b${n}`);
      a.dispose(); // unsubscribing another listener while firing does not skip it this time
    });
    emitter.fire(1);
    emitter.fire(2);
    emitter.dispose();
    emitter.fire(3);
    assert.deepEqual(seen, ['a1', 'b1', 'b2']);
  });

  it('runs a disposable once', () => {
    let runs = 0;
    const d = toDisposable(() => runs++);
    d.dispose();
    d.dispose();
    assert.equal(runs, 1);
  });
});
