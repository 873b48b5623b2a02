// A typed event and disposables without VS Code: what the core uses where the extension would use
// vscode.EventEmitter and vscode.Disposable (it has the same shape, so VS Code code can hold either).

export interface Disposable {
  dispose(): void;
}

/** A Disposable that runs `dispose` once, however often it is called. */
export function toDisposable(dispose: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (!done) {
        done = true;
        dispose();
      }
    },
  };
}

export type Listener<T> = (value: T) => void;

export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<Listener<T>>();

  /** Subscribes; the returned Disposable unsubscribes. */
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  };

  /** Calls every listener subscribed now (one that unsubscribes another does not skip it). */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
