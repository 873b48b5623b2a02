// Extension-host test index (the standard run(): Promise contract of @vscode/test-electron), loaded by the
// workbench from extensionTestsPath. Mocha comes from the repo's node_modules (mocha 12 is ESM; Node 20.19+
// require()s it).
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads test indexes as CommonJS */
'use strict';
const path = require('node:path');

function run() {
  const mochaModule = require(process.env.SMOKE_MOCHA || path.resolve(__dirname, '../../../../node_modules/mocha'));
  const Mocha = mochaModule.Mocha || mochaModule.default || mochaModule;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'smoke.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}

module.exports = { run };
