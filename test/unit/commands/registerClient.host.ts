// Shared by the registerClient.*.test.ts files: what the command needs of VS Code (a recording Host), and a runner
// that drives "Register an OAuth Client for VS Code" with scripted input through the error boundary's report.
import { strict as assert } from 'node:assert';
import { report } from '../../../src/commands/boundary';
import { registerVsCodeClient, type VsCodeClientHost } from '../../../src/commands/registerClient';
import { MemorySettings } from '../../support/fakes';
import type { Fixture } from '../../support/explorerFixture';
import type { ScriptStep } from '../../support/scriptedUi';

export const CALLBACK = 'vscode://lpwan-tools.things-stack-manager/auth/callback';
export const DESCRIPTION =
  'Manages the applications and OAuth clients of Alice and her organizations from VS Code, and shows live traffic.';

export class Host implements VsCodeClientHost {
  saved: [string, string][] = [];
  signedIn: string[] = [];
  refreshed: string[] = [];
  async callbackUri(): Promise<string> {
    return CALLBACK;
  }
  /** Where VS Code would write the client ID (recorded for the suite-wide leak scan). */
  readonly settings = new MemorySettings();
  async saveClientId(key: string, id: string): Promise<void> {
    this.saved.push([key, id]);
    await this.settings.update(`thingsStack.deployments.${key}.clientId`, id);
  }
  async signIn(key: string): Promise<void> {
    this.signedIn.push(key);
  }
  refresh(key: string): void {
    this.refreshed.push(key);
  }
}

export async function run(f: Fixture, host: Host, script: ScriptStep[]): Promise<void> {
  f.ui.clear();
  f.ui.answer(...script);
  try {
    await registerVsCodeClient(f.ctx, host);
  } catch (error) {
    if (error instanceof assert.AssertionError) {
      throw error;
    }
    await report('thingsStack.registerVsCodeClient', error, { ui: f.ui, log: f.ctx.log }, [
      'RIGHT_USER_CLIENTS_CREATE',
    ]);
    assert.ok(!f.logs.some((l) => l.includes('failed unexpectedly')), f.logs.join('\n'));
  }
  f.ui.assertDone();
}
