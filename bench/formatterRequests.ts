// Formatters: what each user action costs in requests, counted at the TTS test server — opening a formatter (the
// read behind the document), saving it (the conflict check, then a write of that one formatter) and a server test.
import { readFormatter } from '../src/formatters/deployed';
import { saveFormatter } from '../src/formatters/saveFlow';
import { SEED, startTtsServer } from '../test/support/ttsServer';
import { apiFor, type Result } from './setup';

export async function measureFormatterRequests(): Promise<Result[]> {
  const server = await startTtsServer({ contract: false });
  try {
    const api = apiFor(server, SEED.alice.userId).formatters;
    const location = {
      deploymentKey: 'bench',
      applicationId: SEED.demo.appWithDevices,
      deviceId: SEED.demo.formatters.deviceId,
      direction: 'up' as const,
    };
    const count = async (run: () => Promise<unknown>): Promise<number> => {
      const before = server.requests.length;
      await run();
      return server.requests.length - before;
    };
    let opened = await readFormatter(api, location);
    const open = await count(async () => {
      opened = await readFormatter(api, location);
    });
    const edited = `${opened.parameter ?? ''}\n// edited\n`;
    const save = await count(async () => {
      const result = await saveFormatter(api, location, opened, edited, async () => 'overwrite');
      if (result.outcome !== 'saved') {
        throw new Error(`the bench save was not saved: ${result.outcome}`);
      }
    });
    const test = await count(() =>
      api.decodeUplink(location.applicationId, location.deviceId, {
        fPort: 1,
        bytes: Uint8Array.from([0x09, 0x29, 0x80]),
        type: 'FORMATTER_JAVASCRIPT',
        parameter: edited,
      }),
    );
    return [
      { name: 'formatters: requests to open one', value: open, unit: '', goal: '1', pass: open === 1 },
      {
        name: 'formatters: requests to save one',
        value: save,
        unit: '',
        goal: '1 + conflict check + read-back',
        pass: save === 3,
        note:
          'a GET to see whether the server still has what was opened, one PUT of that formatter only, and a GET ' +
          'to read it back (TTS has no preconditions: a write by someone else meanwhile is said, with Compare)',
      },
      { name: 'formatters: requests for a server test', value: test, unit: '', goal: '1', pass: test === 1 },
    ];
  } finally {
    await server.close();
  }
}
