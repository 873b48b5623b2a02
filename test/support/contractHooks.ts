// Mocha root-hook plugin: after the whole run, checks all traffic of every TTS test server started in it against
// the swagger (requests and responses, see contract.ts) and fails the run listing the violations.
import { checkServers, contractAvailable } from './contract';
import { recordedServers } from './ttsServer/servers';

const MAX_LISTED = 50;

export const mochaHooks = {
  afterAll(): void {
    const servers = recordedServers();
    if (servers.length === 0 || !contractAvailable()) {
      return;
    }
    const problems = checkServers(servers);
    if (problems.length > 0) {
      const listed = problems
        .slice(0, MAX_LISTED)
        .map((p) => `  - ${p}`)
        .join('\n');
      const more = problems.length > MAX_LISTED ? `\n  … and ${problems.length - MAX_LISTED} more` : '';
      throw new Error(`TTS contract: ${problems.length} violation(s) in test server traffic:\n${listed}${more}`);
    }
  },
};
