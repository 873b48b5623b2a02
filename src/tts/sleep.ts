// A wait that ends early, with UserCancelledError, when its signal aborts.
import { UserCancelledError } from '../util/cancellation';

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new UserCancelledError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new UserCancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
