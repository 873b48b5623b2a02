// A Node model of VS Code's TreeView (1.99): the extension host and the workbench joined by an ordered, batching
// message channel, on virtual time. Lets a test click rows, fire changes and read the rows and both logs, in
// thousands of interleavings a second, each replayed exactly from its seed.
import { VirtualClock } from './clock';
import { ExtHostTree, type Changed, type ProviderLike } from './extHost';
import { call, Channel } from './rpc';
import { Workbench, type Item } from './workbench';

export { VirtualClock, drainMicrotasks } from './clock';
export { Collapse, type ItemLike } from './extHost';
export type { Row } from './workbench';

export interface VirtualTreeOptions {
  clock: VirtualClock;
  /** Uniform in [0, 1): decides message delays. */
  random: () => number;
  /** Largest delay of a message batch in virtual ms (default 3). */
  maxLatency?: number;
}

export interface VirtualTree<T> {
  clock: VirtualClock;
  workbench: Workbench;
  host: ExtHostTree<T>;
  /** The extension host log's errors ("No tree item with id … found."). */
  hostErrors: string[];
  /** The provider's onDidChangeTreeData. */
  changed(element: Changed<T>): void;
  /** A command the user runs in the workbench (a title or inline button, the palette): it reaches the extension
   * host through the same ordered channel as the tree's own requests. */
  command(run: () => void): void;
  /** Every tree error either side logged or showed, with where. */
  errors(): string[];
}

export function virtualTree<T>(provider: ProviderLike<T>, options: VirtualTreeOptions): VirtualTree<T> {
  const { clock, random } = options;
  const max = options.maxLatency ?? 3;
  const latency = () => Math.floor(random() * (max + 1));
  const toHost = new Channel(clock, latency);
  const toWorkbench = new Channel(clock, latency);
  const hostErrors: string[] = [];
  const host: ExtHostTree<T> = new ExtHostTree(provider, clock, { error: (m) => hostErrors.push(m) }, (items) =>
    call(toWorkbench, toHost, () => workbench.$refresh(items)),
  );
  const workbench = new Workbench(clock, {
    getChildren: (handles) =>
      call(toHost, toWorkbench, () => host.getChildrenBatch(handles) as Promise<(number | Item)[][]>),
  });
  return {
    clock,
    workbench,
    host,
    hostErrors,
    changed: (element) => host.changed(element),
    command: (run) => toHost.send(run),
    errors: () => [
      ...hostErrors.map((e) => `extension host: ${e}`),
      ...workbench.windowErrors.map((e) => `window: ${e}`),
      ...workbench.notifications.map((e) => `notification: ${e}`),
    ],
  };
}
