// Workbench self-test extension: one command that asks for an external callback URI, and a UriHandler.
// Both write what they saw to $SMOKE_OUT_DIR (set in code-server's environment) so a test can read it.
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads extensions as CommonJS */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

function record(name, text) {
  const dir = process.env.SMOKE_OUT_DIR;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('smoke.callbackUri', async () => {
      // code-server's scheme is code-oss, not vscode: never hard-code it.
      const internal = vscode.Uri.parse(`${vscode.env.uriScheme}://lpwan-tools.smoke/auth/callback`);
      const external = (await vscode.env.asExternalUri(internal)).toString(true);
      record('callback-uri.txt', external);
      void vscode.window.showInformationMessage(`Smoke callback: ${external}`);
      return external;
    }),
    vscode.window.registerUriHandler({
      handleUri(uri) {
        record('handled-uri.txt', JSON.stringify({ path: uri.path, query: uri.query, uri: uri.toString(true) }));
        void vscode.window.showInformationMessage(`Smoke handled: ${uri.path}?${uri.query}`);
      },
    }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
