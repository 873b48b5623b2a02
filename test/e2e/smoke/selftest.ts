// Self-test of the real-workbench harness (candidate for `npm run test:workbench-smoke`): a passing
// extension-host suite must give 0, a failing one 1 (both selected through code-server's environment), and a
// URI-handler callback must reach the installed smoke extension (uri-callback.ts).
// Run: npx tsx test/e2e/smoke/selftest.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExtensionTests } from '../../support/workbench';
import { errorMessage } from '../../../src/util/errorMessage';

const HERE = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const workspace = mkdtempSync(join(tmpdir(), 'tsm-smoke-ws-'));
  const problems: string[] = [];
  try {
    for (const [name, env, want] of [
      ['passing suite', { SMOKE_ENV_PROBE: 'through-code-server' }, 0],
      ['failing suite', { SMOKE_ENV_PROBE: 'through-code-server', SMOKE_FAIL: '1' }, 1],
    ] as const) {
      const t0 = Date.now();
      const got = await runExtensionTests({
        extensionPath: HERE,
        testsIndex: join(HERE, 'test/index.js'),
        workspace,
        env,
      });
      console.log(`[selftest] ${name}: exit ${got} (want ${want}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (got !== want) {
        problems.push(`${name} gave exit ${got}, expected ${want}`);
      }
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  const uri = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'uri-callback.ts')], { stdio: 'inherit' });
  if (uri.status !== 0) {
    problems.push(`uri-callback.ts exited ${uri.status ?? uri.signal}`);
  }
  for (const p of problems) {
    console.error(`[selftest] FAILED: ${p}`);
  }
  if (!problems.length) {
    console.log('[selftest] workbench harness OK');
  }
  return problems.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`[selftest] error: ${errorMessage(err)}`);
    process.exitCode = 1;
  },
);
