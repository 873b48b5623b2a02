// Extension-host test index (the run(): Promise contract of @vscode/test-electron and of the web workbench's
// test hooks). Mocha comes from the repository's node_modules; mocha 12 is ESM, which Node ≥ 20.19 require()s.
import * as path from 'node:path';
import { SUITES } from './suites';

interface MochaLike {
  addFile(file: string): void;
  run(done: (failures: number) => void): void;
}
type MochaCtor = new (options: Record<string, unknown>) => MochaLike;

export function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.resolve(__dirname, '../../node_modules/mocha')) as {
    Mocha?: MochaCtor;
    default?: MochaCtor;
  };
  const Mocha = (loaded.Mocha ?? loaded.default ?? loaded) as MochaCtor;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // TSM_SUITES=activation,auth runs only those suites (the runner passes it on).
  const only = process.env.TSM_SUITES?.split(',').filter(Boolean);
  for (const file of SUITES.filter((suite) => !only?.length || only.includes(suite))) {
    mocha.addFile(path.join(__dirname, `${file}.test.js`));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
