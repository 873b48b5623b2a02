// The fence around the core (ARCHITECTURE.md: Rules), through ESLint with the repository's own configuration: every
// way of reaching the VS Code API, or an adapter, planted in a file of each core folder fails lint; the same lines in
// an adapter pass. Also the rule that context keys are set in one place.
import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = resolve(__dirname, '../../..');
const CORE_FOLDERS = ['auth', 'commands', 'events', 'explorer', 'formatters', 'tts', 'ui', 'util'];

/** Each way a file can reach `vscode` at compile or run time. */
const VSCODE_FORMS: Record<string, string> = {
  'import * as': "import * as vscode from 'vscode';\nexport const x = vscode.version;\n",
  'import x = require()': "import vscode = require('vscode');\nexport const x = vscode.version;\n",
  'require()': "const vscode = require('vscode');\nexport const x = vscode.version;\n",
  'import type': "import type { Uri } from 'vscode';\nexport type X = Uri;\n",
  'import()': "export const x = import('vscode');\n",
  "typeof import('vscode')": "export type X = typeof import('vscode');\n",
  're-export': "export { Uri } from 'vscode';\n",
};

/** Each way a core file could reach an adapter. */
const ADAPTER_FORMS: Record<string, string> = {
  "a layer's vscode/ folder":
    "import { secretStore } from '../auth/vscode/secretStore';\nexport const x = secretStore;\n",
  'its own vscode/ folder': "import { a } from './vscode/anything';\nexport const x = a;\n",
  'the platform services': "import { Logger } from '../platform/logger';\nexport const x = Logger;\n",
  'the composition root': "import { activate } from '../extension';\nexport const x = activate;\n",
};

let eslint: ESLint;

/** The rules that fired on `code` as the file `path` (relative to the repository). */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('lint: the vscode fence', function () {
  this.timeout(60_000);
  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  for (const [form, code] of Object.entries(VSCODE_FORMS)) {
    it(`refuses ${form} of vscode in every core folder`, async () => {
      for (const folder of CORE_FOLDERS) {
        const found = await violations(`src/${folder}/planted.ts`, code);
        assert.ok(
          found.some((v) => /The core stays free of the VS Code API/.test(v)),
          `src/${folder}/planted.ts with ${form} passed lint: ${found.join('; ') || 'no message'}`,
        );
      }
    });
  }

  for (const [what, code] of Object.entries(ADAPTER_FORMS)) {
    it(`refuses an import from ${what} in the core`, async () => {
      for (const folder of CORE_FOLDERS) {
        const found = await violations(`src/${folder}/planted.ts`, code);
        assert.ok(
          found.some((v) => /no-restricted-imports/.test(v)),
          `src/${folder}/planted.ts importing ${what} passed lint: ${found.join('; ') || 'no message'}`,
        );
      }
    });
  }

  it('lets the adapters import the API the one way the bundle shares (import x = require)', async () => {
    for (const path of ['src/auth/vscode/planted.ts', 'src/platform/planted.ts', 'src/extension.ts']) {
      assert.deepEqual(await violations(path, VSCODE_FORMS['import x = require()']), [], path);
      assert.deepEqual(await violations(path, VSCODE_FORMS['import type']), [], path);
    }
  });

  it('refuses require() of anything, anywhere else (tests included)', async () => {
    for (const path of ['src/explorer/planted.ts', 'test/unit/planted.test.ts', 'bench/planted.ts']) {
      const found = await violations(path, "const fs = require('node:fs');\nexport const x = fs;\n");
      assert.ok(
        found.some((v) => v.startsWith('@typescript-eslint/no-require-imports')),
        `${path}: ${found.join('; ')}`,
      );
    }
  });

  it('sets context keys only through platform/contextKeys.ts (typed keys)', async () => {
    const code = "import vscode = require('vscode');\nvoid vscode.commands.executeCommand('setContext', 'k', true);\n";
    const found = await violations('src/events/vscode/planted.ts', code);
    assert.ok(
      found.some((v) => /Use setContext of src\/platform\/contextKeys\.ts/.test(v)),
      found.join('; '),
    );
    assert.deepEqual(await violations('src/platform/contextKeys.ts', code), []);
  });
});
