// The log tripwire's reading of the workbench's logs (test/support/logTripwire.ts), on lines as VS Code 1.99 writes
// them (copied from the extension host log and the window console of a real run): tree errors and this extension's
// uncaught errors are found, everything else is not.
import { strict as assert } from 'node:assert';
import { classify, entries } from '../../support/logTripwire';

const HOST_LOG = `2026-12-07 17:40:15.100 [info] ExtensionService#_doActivateExtension lpwan-tools.things-stack-manager, startup: false, activationEvent: 'onView:thingsStack.explorer'
2026-12-07 17:40:21.975 [error] No tree item with id '1/[::1]:45937/applications/o:user:alice/alice-sensors' found.
2026-12-07 18:55:39.848 [error] Error: planted uncaught throw
	at Timeout._onTimeout (/tmp/state/extensions/test.thrower-0.0.1/index.js:4:28)
	at listOnTimeout (node:internal/timers:581:17)
2026-12-07 18:59:41.014 [error] ExtensionError: Error in extension lpwan-tools.things-stack-manager: FAILED to handle event
	at Th.value (file:///cs/lib/vscode/out/vs/workbench/api/node/extensionHostProcess.js:173:28529)
2026-12-07 19:00:00.000 [error] Error: Element with id 1/a/b is already registered
2026-12-07 19:00:01.000 [error] TypeError: x is undefined
	at run (/home/u/.vscode/extensions/lpwan-tools.things-stack-manager-0.1.0/dist/extension.js:1:2)
2026-12-07 19:00:02.000 [warning] No tree item with id '1/x' found.
`;

describe('log tripwire: what it reads as a problem', () => {
  it('splits the extension host log into entries with their stacks, and finds tree errors and ours', () => {
    const list = entries(HOST_LOG);
    assert.equal(list.length, 7);
    const found = list
      .map((e) => classify(e, 'extension host log', ['/work/repo/dist']))
      .map((p) => (p ? `${p.kind}: ${p.text.split('\n')[0].slice(24)}` : '-'));
    assert.deepEqual(found, [
      '-',
      "tree error: [error] No tree item with id '1/[::1]:45937/applications/o:user:alice/alice-sensors' found.",
      '-', // another extension's error
      'uncaught error: [error] ExtensionError: Error in extension lpwan-tools.things-stack-manager: FAILED to handle event',
      'tree error: [error] Error: Element with id 1/a/b is already registered',
      'uncaught error: [error] TypeError: x is undefined',
      '-', // not an error line
    ]);
  });

  it("finds the view's tree errors and this extension's errors in the window console", () => {
    const lines = [
      '%c  ERR color: #f33 Mf: TreeError [thingsStack.explorer] Tree element not found: [object Object]',
      'TreeError [otherView] Tree element not found',
      '[lpwan-tools.things-stack-manager]Error in extension lpwan-tools.things-stack-manager: FAILED to handle event',
      '[test.thrower]planted uncaught throw',
      'Error: boom\n\tat f (/work/repo/dist/extension.js:1:1)',
    ];
    assert.deepEqual(
      lines.map((l) => classify(l, 'window console', ['/work/repo/dist'])?.kind ?? '-'),
      ['tree error', '-', 'uncaught error', '-', 'uncaught error'],
    );
  });
});
