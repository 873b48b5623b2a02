// The Node model of VS Code's tree (test/support/vscodeTree) keeps the rules of VS Code 1.99's TreeView that the
// explorer's design relies on (ARCHITECTURE.md, "The explorer and VS Code's tree"). A tiny provider over plain
// objects shows each rule, so the model cannot drift from them unseen.
import { strict as assert } from 'node:assert';
import { prng } from '../../support/prng';
import { Collapse, virtualTree, VirtualClock, type ItemLike, type VirtualTree } from '../../support/vscodeTree';

interface El {
  id: string;
  label: string;
  children?: El[];
  expanded?: boolean;
  /** Virtual ms its children take to load. */
  slow?: number;
}

function setup(roots: El[]): { tree: VirtualTree<El>; clock: VirtualClock; rows(): string[] } {
  const clock = new VirtualClock();
  const provider = {
    getChildren: (el?: El): Promise<El[]> =>
      new Promise((resolve) => clock.setTimeout(() => resolve(el ? (el.children ?? []) : roots), el?.slow ?? 1)),
    getTreeItem: (el: El): ItemLike => ({
      id: el.id,
      label: el.label,
      collapsibleState: el.children ? (el.expanded ? Collapse.Expanded : Collapse.Collapsed) : Collapse.None,
    }),
  };
  const tree = virtualTree(provider, { clock, random: prng(7) });
  return {
    tree,
    clock,
    rows: () => tree.workbench.rows().map((r) => `${'  '.repeat(r.depth)}${r.label}`),
  };
}

describe('the Node model of VS Code 1.99 tree', () => {
  it('asks for children only of rows it shows expanded, and shows them', async () => {
    const leaf = { id: 'a/x', label: 'x' };
    const a: El = { id: 'a', label: 'a', children: [leaf] };
    const b: El = { id: 'b', label: 'b', expanded: true, children: [{ id: 'b/y', label: 'y' }] };
    const { tree, clock, rows } = setup([a, b]);
    void tree.workbench.open();
    await clock.runUntilIdle();
    assert.deepEqual(rows(), ['a', 'b', '  y'], 'an Expanded item shows its children at once');
    tree.workbench.click('1/a');
    await clock.runUntilIdle();
    assert.deepEqual(rows(), ['a', '  x', 'b', '  y']);
    assert.deepEqual(tree.errors(), []);
  });

  it('logs "No tree item" and shows nothing for a row whose handle the extension host forgot', async () => {
    const a: El = { id: 'a', label: 'a', expanded: true, children: [{ id: 'a/x', label: 'x', children: [] }] };
    const { tree, clock } = setup([a]);
    void tree.workbench.open();
    await clock.runUntilIdle();
    tree.changed(a); // the host forgets everything under a at once …
    tree.workbench.click('1/a/x'); // … while the workbench still shows x
    await clock.runUntilIdle();
    assert.deepEqual(tree.hostErrors, ["No tree item with id '1/a/x' found."]);
  });

  it('loses an element refresh that arrives while an ancestor expands: rows stay whose handles are gone', async () => {
    // The demo's first click: the section expands, its owner (Expanded) loads, and the owner is told to refresh
    // right after its children were answered, in the same message batch, before the section's rows are drawn.
    const app: El = { id: 's/o/app', label: 'app', children: [{ id: 's/o/app/p', label: 'p' }] };
    const owner: El = { id: 's/o', label: 'owner', expanded: true, children: [app] };
    const section: El = { id: 's', label: 'section', children: [owner] };
    const { tree, clock, rows } = setup([section]);
    void tree.workbench.open();
    await clock.runUntilIdle();
    tree.workbench.click('1/s');
    // When the owner's children have been answered, fire the owner (as a count arriving would).
    for (let i = 0; i < 1000 && !tree.host.knows('1/s/o/app'); i++) {
      await clock.step();
    }
    tree.changed(owner);
    await clock.runUntilIdle();
    assert.deepEqual(rows(), ['section', '  owner', '    app']);
    assert.ok(!tree.host.knows('1/s/o/app'), 'the host forgot the row the user sees');
    assert.ok(
      tree.errors().some((e) => /window: Tree element not found/.test(e)),
      tree.errors().join('\n'),
    );
    tree.workbench.click('1/s/o/app');
    await clock.runUntilIdle();
    assert.deepEqual(rows(), ['section', '  owner', '    app'], 'the click expands nothing, forever');
    assert.ok(tree.hostErrors.includes("No tree item with id '1/s/o/app' found."));
  });

  it('never loses a refresh of the root: every expanded row is asked again and keeps its handle', async () => {
    const app: El = { id: 's/o/app', label: 'app', children: [{ id: 's/o/app/p', label: 'p' }] };
    const owner: El = { id: 's/o', label: 'owner', expanded: true, children: [app] };
    const section: El = { id: 's', label: 'section', children: [owner] };
    const { tree, clock, rows } = setup([section]);
    void tree.workbench.open();
    await clock.runUntilIdle();
    tree.workbench.click('1/s');
    for (let i = 0; i < 1000 && !tree.host.knows('1/s/o/app'); i++) {
      await clock.step();
    }
    tree.changed(undefined);
    await clock.runUntilIdle();
    tree.workbench.click('1/s/o/app');
    await clock.runUntilIdle();
    assert.deepEqual(rows(), ['section', '  owner', '    app', '      p']);
    assert.deepEqual(tree.errors(), []);
  });

  it('refuses a second registration of an id: a child load the host did not cancel, then a new load', async () => {
    // An element refresh does not cancel a child load under it: its answer registers under the replaced node, and
    // the next load of the same ids fails ("already registered"), shown as an error notification.
    const x: El = { id: 'a/x', label: 'x', children: [{ id: 'a/x/1', label: '1' }], slow: 50 };
    const a: El = { id: 'a', label: 'a', expanded: true, children: [x] };
    const { tree, clock } = setup([a]);
    void tree.workbench.open();
    await clock.runUntilIdle();
    tree.workbench.click('1/a/x');
    await clock.advance(20); // x's children are being loaded
    tree.changed(a);
    await clock.runUntilIdle();
    assert.ok(
      tree.errors().some((e) => /notification: Element with id a\/x\/1 is already registered/.test(e)),
      tree.errors().join('\n'),
    );
  });
});
