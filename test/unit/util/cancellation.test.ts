import { strict as assert } from 'node:assert';
import { TimeoutError } from '../../../src/tts/errors';
import { GoBackError, isCancellation, isGoBack, UserCancelledError } from '../../../src/util/cancellation';

describe('isCancellation', () => {
  it('knows every way of cancelling and nothing else', () => {
    const canceled = Object.assign(new Error('Canceled'), { name: 'Canceled' }); // vscode.CancellationError
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    for (const error of [
      new UserCancelledError(),
      new UserCancelledError('Sign-in was cancelled.'),
      new GoBackError(),
      canceled,
      abort,
    ]) {
      assert.equal(isCancellation(error), true, error.name);
    }
    for (const error of [new Error('Canceled'), new TimeoutError(1000), 'Canceled', undefined, { name: 'Canceled' }]) {
      assert.equal(isCancellation(error), false, String(error));
    }
  });

  it('tells Back (one step of a wizard) from the other cancellations', () => {
    assert.equal(isGoBack(new GoBackError()), true);
    assert.equal(isGoBack(new UserCancelledError()), false);
    assert.equal(isGoBack(Object.assign(new Error('Back.'), { name: 'GoBackError' })), false);
  });
});
