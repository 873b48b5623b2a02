// The tree fuzz's check of a screen against a model (test/support/treeFuzz/oracle.ts), where the screen shows only
// the rows in view (VS Code renders no others): with `cut`, the lists that end on screen may go on below it, and
// every row that is shown must still be right.
import { strict as assert } from 'node:assert';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { rowOf } from '../../../src/explorer/rows';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';
import { compareWith, type ScreenRow } from '../../support/treeFuzz/oracle';

describe('tree fuzz oracle: a screen cut at the bottom of the view', () => {
  let f: Fixture;
  let screen: ScreenRow[];

  before(async () => {
    f = await explorerFixture();
    const open = [
      await walk(f, 'deployment'),
      await walk(f, 'deployment', 'section:applications'),
      await walk(f, 'deployment', 'section:applications', 'owner:user:alice'),
    ];
    screen = [];
    const show = async (parent: ExplorerNode | undefined, depth: number): Promise<void> => {
      for (const node of await f.model.children(parent)) {
        const row = rowOf(node);
        const expanded = open.includes(node) ? true : row.collapsible === 'none' ? undefined : false;
        screen.push({ depth, label: row.label, description: row.description, expanded });
        if (expanded) {
          await show(node, depth + 1);
        }
      }
    };
    await show(undefined, 0);
  });
  after(async () => f?.close());

  const check = (rows: ScreenRow[], cut: boolean) => compareWith(f.model, rows, undefined, 'the model', false, cut);
  /** The screen down to the first of alice's applications: her list and the ones around it go on below. */
  const cutInAlice = (): ScreenRow[] => screen.slice(0, screen.findIndex((r) => r.depth === 3) + 1);

  it('takes the whole screen as it is', async () => {
    assert.ok(screen.length >= 8, JSON.stringify(screen));
    assert.deepEqual(await check(screen, false), []);
    assert.deepEqual(await check(screen, true), []);
  });

  it('takes a screen cut in a list as the top of it only when told the view is cut', async () => {
    assert.equal((await check(cutInAlice(), false)).length, 1);
    assert.deepEqual(await check(cutInAlice(), true), []);
  });

  it('still finds a wrong row above the cut', async () => {
    const rows = cutInAlice();
    rows[rows.length - 1] = { ...rows[rows.length - 1], label: 'Not an application' };
    assert.equal((await check(rows, true)).length, 1);
    const above = cutInAlice();
    above[1] = { ...above[1], description: 'a wrong description' };
    assert.equal((await check(above, true)).length, 1);
  });
});
