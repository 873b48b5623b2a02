// Runs an explorer command the way VS Code does — through the error boundary — with scripted answers, and fails
// the test on an unexpected prompt or a script step left over.
import { AssertionError } from 'node:assert';
import { report } from '../../src/commands/boundary';
import type { ExplorerCommandId } from '../../src/commands/explorerCommands';
import { EXPLORER_COMMANDS, trustedArgs } from '../../src/commands/explorerCommands';
import type { Fixture } from './explorerFixture';
import { recordSink } from './leakSinks';
import type { ScriptStep } from './scriptedUi';

export async function run(f: Fixture, id: ExplorerCommandId, script: ScriptStep[], ...args: unknown[]): Promise<void> {
  const spec = EXPLORER_COMMANDS.find((c) => c.id === id);
  if (!spec) {
    throw new Error(`No command ${id}`);
  }
  f.ui.clear();
  f.ui.answer(...script);
  try {
    await spec.run(f.ctx, ...trustedArgs(f.ctx, args)); // as registered: only the explorer's own rows pass
  } catch (error) {
    if (error instanceof AssertionError) {
      throw error; // a scripting problem, not the command's
    }
    recordSink('boundary error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    await report(id, error, { ui: f.ui, log: f.ctx.log }, spec.rights);
    if (f.logs.some((l) => l.includes('failed unexpectedly'))) {
      throw error;
    }
  }
  f.ui.assertDone();
}

/** Requests that changed something (not GET), as "METHOD /path". */
export function writes(f: Fixture, since = 0): string[] {
  return f.server.requests
    .slice(since)
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path.replace(/^\/api\/v3/, '')}`);
}
