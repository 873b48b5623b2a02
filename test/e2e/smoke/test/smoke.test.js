// Runs inside code-server's extension host. SMOKE_FAIL=1 (passed through code-server's environment) adds a
// failing test, which proves both the environment pass-through and that a failure yields exit code 1.
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads test files as CommonJS */
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');

describe('workbench smoke', () => {
  it('runs in the web workbench with the development extension', async () => {
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    const ext = vscode.extensions.getExtension('lpwan-tools.smoke');
    assert.ok(ext, 'lpwan-tools.smoke is loaded');
    await ext.activate();
    assert.ok(ext.isActive);
  });

  it('registers its command, which returns an http callback URI', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('smoke.callbackUri'));
    const uri = await vscode.commands.executeCommand('smoke.callbackUri');
    assert.match(uri, /^http:\/\/127\.0\.0\.1:\d+\/.*callback\?/);
  });

  it('sees the environment given to code-server', () => {
    assert.equal(process.env.SMOKE_ENV_PROBE, 'through-code-server');
  });

  if (process.env.SMOKE_FAIL === '1') {
    it('fails on purpose (SMOKE_FAIL=1)', () => {
      assert.fail('intentional failure');
    });
  }
});
