// The explorer's commands as package.json contributes them: titles, icons, menus that name real commands and node
// kinds, palette/tree parity. That every contributed command has a handler, and every handler a contribution, is
// checked against the running extension's table (test/integration/activation.test.ts).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { EXPLORER_COMMANDS } from '../../../src/commands/explorerCommands';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { holds } from '../../support/whenClause';

interface Contributed {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}
interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  activationEvents?: string[];
  contributes: { commands: Contributed[]; menus: Record<string, MenuEntry[]> };
};
const contributed = pkg.contributes.commands.map((c) => c.command);
const EXPLORER_COMMAND_IDS: readonly string[] = EXPLORER_COMMANDS.map((c) => c.id);
const KINDS: ExplorerNode['kind'][] = [
  'deployment',
  'section',
  'owner',
  'deleted',
  'client',
  'application',
  'property',
  'uriList',
  'uri',
  'rights',
  'rightGroup',
  'right',
  'secret',
  'collaborators',
  'collaborator',
  'apiKeys',
  'apiKey',
  'devices',
  'device',
  'formatters',
  'formatter',
  'loadMore',
  'error',
  'message',
  'organization',
  'authorizations',
  'authorization',
  'token',
  'admin',
  'queue',
  'review',
  'allEntities',
];
/** Commands a row runs when clicked (Load More…, "Show its OAuth clients"): no menu entry, no palette entry. */
const ROW_CLICK = ['thingsStack.loadMore', 'thingsStack.showOwner'];
/** Tree-only commands: they act on a node that has no sensible quick-pick equivalent (the palette has Refresh All). */
const TREE_ONLY = [...ROW_CLICK, 'thingsStack.copyValue', 'thingsStack.refresh'];
/** Commands on the whole view: its title bar and the palette, no row. */
const VIEW_WIDE = ['thingsStack.refreshAll'];
/**
 * The title bar's own ids of commands that take a row elsewhere: VS Code hands a title button the focused row, which
 * they ignore. Each with the command it stands for; only in the title bar.
 */
const TITLE_BAR: Record<string, string> = {
  'thingsStack.createClientFromTitleBar': 'thingsStack.createClient',
  'thingsStack.createApplicationFromTitleBar': 'thingsStack.createApplication',
};

describe('command contributions', () => {
  it('contributes every explorer command, once', () => {
    assert.deepEqual(
      EXPLORER_COMMAND_IDS.filter((id) => !contributed.includes(id)),
      [],
    );
    assert.equal(new Set(EXPLORER_COMMAND_IDS).size, EXPLORER_COMMAND_IDS.length);
  });

  it('gives each explorer command a title-case title, the category and a codicon', () => {
    for (const c of pkg.contributes.commands.filter((c) => EXPLORER_COMMAND_IDS.includes(c.command))) {
      assert.equal(c.category, 'Things Stack', c.command);
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, c.command);
      for (const word of c.title.replace(/…$/, '').split(' ')) {
        assert.ok(
          ['a', 'an', 'as', 'for', 'in', 'of', 'to'].includes(word) || /^[A-Z]/.test(word),
          `${c.command}: "${c.title}"`,
        );
      }
    }
  });

  it('names only contributed commands and real node kinds in menus', () => {
    for (const [menu, entries] of Object.entries(pkg.contributes.menus)) {
      for (const entry of entries) {
        assert.ok(contributed.includes(entry.command), `${menu}: ${entry.command}`);
        for (const [, kind] of (entry.when ?? '').matchAll(/viewItem =~ \/\^([A-Za-z]+)/g)) {
          assert.ok((KINDS as string[]).includes(kind), `${menu}: unknown node kind ${kind}`);
        }
      }
    }
  });

  it('offers every explorer command in the palette (asking for its target) except the tree-only ones', () => {
    const palette = new Map(pkg.contributes.menus.commandPalette.map((e) => [e.command, e.when]));
    for (const id of EXPLORER_COMMAND_IDS) {
      if (TREE_ONLY.includes(id) || id in TITLE_BAR) {
        assert.equal(palette.get(id), 'false', id);
      } else {
        assert.notEqual(palette.get(id), 'false', id);
        assert.match(palette.get(id) ?? 'thingsStack.signedIn', /thingsStack\.signedIn/, id);
      }
    }
  });

  it('puts every explorer command that needs a node somewhere in the tree too', () => {
    const inTree = new Set(pkg.contributes.menus['view/item/context'].map((e) => e.command));
    const elsewhere = [...ROW_CLICK, ...VIEW_WIDE, ...Object.keys(TITLE_BAR)];
    for (const id of EXPLORER_COMMAND_IDS.filter((i) => !elsewhere.includes(i))) {
      assert.ok(inTree.has(id), id);
    }
    const title = new Set(pkg.contributes.menus['view/title'].map((e) => e.command));
    for (const id of VIEW_WIDE) {
      assert.ok(title.has(id) && !inTree.has(id), id);
    }
  });

  it('gives the title bar its own ids where the command would take the focused row, looking the same', () => {
    const title = pkg.contributes.menus['view/title'].map((e) => e.command);
    const inTree = new Set(pkg.contributes.menus['view/item/context'].map((e) => e.command));
    for (const [id, base] of Object.entries(TITLE_BAR)) {
      assert.ok(title.includes(id) && !title.includes(base) && !inTree.has(id), id);
      const [own, original] = [id, base].map((c) => pkg.contributes.commands.find((x) => x.command === c));
      assert.deepEqual({ ...own, command: base }, original);
    }
  });

  it('hides the account commands in the palette while they cannot act', () => {
    const palette = new Map(pkg.contributes.menus.commandPalette.map((e) => [e.command, e.when ?? 'true']));
    const signedOut = { 'thingsStack.hasDeployments': true, 'thingsStack.signedIn': false };
    const noDeployment = { 'thingsStack.hasDeployments': false, 'thingsStack.signedIn': false };
    const signedIn = { 'thingsStack.hasDeployments': true, 'thingsStack.signedIn': true };
    for (const id of ['thingsStack.signOut', 'thingsStack.switchAccount']) {
      assert.ok(!holds(palette.get(id) ?? 'true', signedOut), `${id} while signed out`);
      assert.ok(holds(palette.get(id) ?? 'true', signedIn), `${id} while signed in`);
    }
    for (const id of ['thingsStack.removeDeployment', 'thingsStack.setClientSecret', 'thingsStack.openConsole']) {
      assert.ok(!holds(palette.get(id) ?? 'true', noDeployment), `${id} without a deployment`);
      assert.ok(holds(palette.get(id) ?? 'true', signedOut), `${id} with a deployment`);
    }
  });
});
