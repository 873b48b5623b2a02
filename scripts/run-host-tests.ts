// Runs an extension-host mocha suite inside code-server (the web workbench's test hooks), because the desktop
// VS Code that @vscode/test-electron downloads is unreachable here. Exit code = the suite's result.
// Usage: npx tsx scripts/run-host-tests.ts <extensionPath> <testsIndexJs> [workspace]
// Environment: HOST_TESTS_TIMEOUT_MS (default 180000); everything in process.env reaches the extension host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runExtensionTests } from '../test/support/workbench';
import { errorMessage } from '../src/util/errorMessage';

async function main(): Promise<number> {
  const [extensionPath, testsIndex, workspaceArg] = process.argv.slice(2);
  if (!extensionPath || !testsIndex) {
    console.error('usage: npx tsx scripts/run-host-tests.ts <extensionPath> <testsIndexJs> [workspace]');
    return 2;
  }
  const workspace = workspaceArg ? resolve(workspaceArg) : mkdtempSync(join(tmpdir(), 'tsm-host-ws-'));
  const started = Date.now();
  try {
    const code = await runExtensionTests({
      extensionPath: resolve(extensionPath),
      testsIndex: resolve(testsIndex),
      workspace,
      timeoutMs: Number(process.env.HOST_TESTS_TIMEOUT_MS) || undefined,
    });
    console.log(
      `[host-tests] ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return code;
  } finally {
    if (!workspaceArg) {
      rmSync(workspace, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`[host-tests] error: ${errorMessage(err)}`);
    process.exitCode = 1;
  },
);
