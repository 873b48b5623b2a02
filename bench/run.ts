// npm run bench: every measurement in one run against the TTS test server on loopback (in a process of its own
// where a figure depends on it); a table on stdout and bench/results.json with each figure, its goal and
// pass/fail. Not a test: nothing in npm test depends on it.
import { writeFileSync } from 'node:fs';
import { measureActivation } from './activation';
import { measureEvents } from './events';
import { measureFormatterRequests } from './formatterRequests';
import { measureFormatters } from './formatters';
import { measureListing } from './listing';
import { measureRefresh } from './refresh';
import type { Result } from './setup';
import { measureSize } from './size';
import { measureTree } from './tree';

async function main(): Promise<number> {
  const started = Date.now();
  const results: Result[] = [];
  const size = await measureSize();
  results.push(...size.results);
  results.push(...measureActivation());
  results.push(...(await measureListing()));
  results.push(...(await measureRefresh()));
  results.push(...(await measureEvents()));
  results.push(...(await measureTree()));
  results.push(...measureFormatters());
  results.push(...(await measureFormatterRequests()));
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${'measurement'.padEnd(width)}  ${'value'.padStart(10)}  goal          result`);
  for (const r of results) {
    const value = `${r.value} ${r.unit}`.trim();
    const verdict = r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL';
    console.log(
      `${r.name.padEnd(width)}  ${value.padStart(10)}  ${(r.goal ?? '').padEnd(12)}  ${verdict}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log(
    `largest modules in dist/extension.js: ${size.largest.map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KB`).join(', ')}`,
  );
  const failed = results.filter((r) => r.pass === false);
  const seconds = (Date.now() - started) / 1000;
  console.log(`${results.filter((r) => r.pass).length} goals met, ${failed.length} missed, in ${seconds.toFixed(1)} s`);
  writeFileSync(
    'bench/results.json',
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, seconds, results, largestModules: size.largest }, null, 2)}\n`,
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
