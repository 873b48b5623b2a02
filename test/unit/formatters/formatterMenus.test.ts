// Where the editor menus and the palette offer the formatter commands: on exactly the workspace files
// formatters/location.ts accepts as formatter files (a corpus of paths through package.json's `when` clauses and
// through location.ts, which must give the same answer), on formatter documents, and nowhere while signed out.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { isFormatterFile, parseWorkspacePath } from '../../../src/formatters/location';
import { holds, type WhenContext } from '../../support/whenClause';

interface MenuEntry {
  command: string;
  when?: string;
}
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]> };
};
const MENUS = ['editor/title', 'editor/context', 'commandPalette'];
const FORMATTER_COMMANDS = new Set([
  'thingsStack.testUplinkFormatter',
  'thingsStack.testDownlinkFormatter',
  'thingsStack.deployFormatter',
  'thingsStack.compareFormatter',
  'thingsStack.pullFormatter',
  'thingsStack.changeFormatterType',
]);
/** The commands that act on a workspace formatter file (the others act on a formatter document only). */
const FILE_COMMANDS = [
  'thingsStack.testUplinkFormatter',
  'thingsStack.testDownlinkFormatter',
  'thingsStack.deployFormatter',
  'thingsStack.compareFormatter',
];
const entries = MENUS.flatMap((menu) =>
  pkg.contributes.menus[menu]
    .filter((e) => FORMATTER_COMMANDS.has(e.command))
    .map((e) => ({ menu, command: e.command, when: e.when ?? 'true' })),
);

/** Workspace-relative paths, formatter files or not (location.ts decides which). */
const CORPUS = [
  'ttn/app1/uplink.js',
  'ttn/app1/downlink.js',
  'ttn/app-1/devices/dev-1/uplink.js',
  'ttn/my-app/devices/my-device-42/downlink.js',
  'ttn/a1/uplink.js',
  'ttn/a/uplink.js', // IDs have at least two characters
  'ttn/-app/uplink.js',
  'ttn/app-/uplink.js',
  'ttn/app--1/uplink.js',
  'ttn/App1/uplink.js',
  'ttn/app_1/uplink.js',
  'ttn/app1/Uplink.js',
  'ttn/app1/uplink.ts',
  'ttn/app1/uplink.js.bak',
  'ttn/app1/uplink.tests.json',
  'ttn/app1/devices/uplink.js',
  'ttn/app1/device/dev1/uplink.js',
  'ttn/app1/devices/dev1/extra/uplink.js',
  'ttn/app1/devices/d/uplink.js',
  'ttn/uplink.js',
  'ttn/app1/formatter.d.ts',
  'sub/ttn/app1/uplink.js', // ttn/ is at the root of the workspace folder
  'other/app1/uplink.js',
  'ttnx/app1/uplink.js',
  'xttn/app1/uplink.js',
  'src/uplink.js',
  'uplink.js',
];

const WORKSPACE = '/home/user/project';

/** The context of an editor on `path` as the extension sets it (FormatterFilesKey) and VS Code does (resource*). */
function editorOn(path: string, signedIn = true): WhenContext {
  const resourcePath = `${WORKSPACE}/${path}`;
  return {
    'thingsStack.signedIn': signedIn,
    resourceScheme: 'file',
    resourcePath,
    resourceFilename: path.split('/').pop(),
    'thingsStack.formatterFiles': isFormatterFile(path, false) ? [resourcePath] : [],
  };
}

function offered(context: WhenContext): string[] {
  return entries.filter((e) => holds(e.when, context)).map((e) => `${e.menu} ${e.command}`);
}

describe('formatter menus', () => {
  it('offer the formatter commands on exactly the workspace files location.ts accepts', () => {
    const disagreements: string[] = [];
    for (const path of CORPUS) {
      const accepted = parseWorkspacePath(path);
      for (const entry of entries.filter((e) => FILE_COMMANDS.includes(e.command))) {
        const shown = holds(entry.when, editorOn(path));
        const direction = /test(Up|Down)linkFormatter/.exec(entry.command)?.[1].toLowerCase();
        // In the editor's own menus, Test Uplink / Downlink show on the file of their direction only.
        const expected =
          accepted !== undefined &&
          (entry.menu === 'commandPalette' || direction === undefined || accepted.direction === direction);
        if (shown !== expected) {
          disagreements.push(`${path}: ${entry.menu} ${entry.command} ${shown ? 'shown' : 'hidden'}`);
        }
      }
    }
    assert.deepEqual(disagreements, []);
    assert.ok(CORPUS.filter((p) => parseWorkspacePath(p)).length >= 5, 'the corpus has formatter files');
  });

  it('offer them on a linked file wherever it is (Pull to Workspace linked it)', () => {
    const path = 'formatters/app1-up.js';
    const resourcePath = `${WORKSPACE}/${path}`;
    const context = { ...editorOn(path), 'thingsStack.formatterFiles': [resourcePath] };
    assert.ok(isFormatterFile(path, true));
    assert.ok(offered(context).includes('editor/title thingsStack.deployFormatter'));
  });

  it('offer the document commands on formatter documents', () => {
    const context = {
      'thingsStack.signedIn': true,
      resourceScheme: 'thingsstack-formatter',
      resourcePath: '/eu1.cloud.thethings.network/app1/uplink.js',
      resourceFilename: 'uplink.js',
      'thingsStack.formatterFiles': [],
    };
    assert.deepEqual(
      offered(context).filter((e) => !e.startsWith('commandPalette')),
      [
        'editor/title thingsStack.testUplinkFormatter',
        'editor/title thingsStack.pullFormatter',
        'editor/context thingsStack.testUplinkFormatter',
        'editor/context thingsStack.changeFormatterType',
        'editor/context thingsStack.pullFormatter',
      ],
    );
  });

  it('offer none of them while signed out (they would fail)', () => {
    const document = {
      resourceScheme: 'thingsstack-formatter',
      resourcePath: '/eu1.cloud.thethings.network/app1/uplink.js',
      resourceFilename: 'uplink.js',
    };
    assert.deepEqual(offered({ ...document, 'thingsStack.signedIn': false }), []);
    assert.deepEqual(offered(editorOn('ttn/app1/uplink.js', false)), []);
    assert.ok(offered(editorOn('ttn/app1/uplink.js')).length > 0);
  });
});
