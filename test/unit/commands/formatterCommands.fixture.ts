// Shared by the formatterCommands.*.test.ts files: the seeded application and decoder, and an explorer fixture per
// test (a TTS test server, a signed-in account and a scripted Ui) with the location of a formatter in it.
import type { FormatterLocation } from '../../../src/formatters/location';
import { explorerFixture, type Fixture } from '../../support/explorerFixture';
import { SEED } from '../../support/ttsServer';

export const APP = 'alice-sensors';
export const DECODER = SEED.demo.formatters.deviceUplink;

export interface FormatterCommandsEnv {
  f: Fixture;
  /** The formatter of APP, or of one of its devices, on the fixture's deployment. */
  at: (deviceId?: string, direction?: 'up' | 'down') => FormatterLocation;
}

/** Registers the hooks of the enclosing suite: a fresh explorer fixture before each test, handed to `use`; closed
 * after it. */
export function formatterCommandsEnv(use: (env: FormatterCommandsEnv) => void): void {
  let f: Fixture | undefined;
  afterEach(async () => f?.close());
  beforeEach(async () => {
    const fixture = await explorerFixture();
    f = fixture;
    use({
      f: fixture,
      at: (deviceId, direction = 'up') => ({
        deploymentKey: fixture.deployment.key,
        applicationId: APP,
        deviceId,
        direction,
      }),
    });
  });
}
