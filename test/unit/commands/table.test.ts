// The command table: one entry per id across every layer's table, found by id (what a registered command runs).
import { strict as assert } from 'node:assert';
import { CommandTable, type CommandEntry } from '../../../src/commands/table';

const entry = (id: string): CommandEntry => ({ id, handler: async () => id });

describe('command table', () => {
  it('finds each entry of every table by its id, and nothing else', async () => {
    const table = new CommandTable([entry('a.one'), entry('a.two')], [], [entry('b.one')]);
    assert.deepEqual(table.ids(), ['a.one', 'a.two', 'b.one']);
    assert.equal(await table.resolve('b.one')?.handler(), 'b.one');
    assert.equal(table.resolve('b.two'), undefined);
  });

  it('refuses an id that two tables define (one would silently replace the other)', () => {
    assert.throws(() => new CommandTable([entry('a.one')], [entry('a.one')]), /a\.one is in two tables/);
  });
});
