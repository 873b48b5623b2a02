// thingsStack.events.bufferSize is range-checked (issue 21): VS Code does not enforce the setting's minimum and
// maximum, so 0 threw a RangeError when live events started and a huge value let memory grow without bound.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { BUFFER_SIZE, checkBufferSize } from '../../../src/events/bufferSize';
import { LiveEvents, type StreamSource } from '../../../src/events/liveEvents';
import type { TtsEvent } from '../../../src/tts/types';
import { recordingLog } from '../../support/leakSinks';

/** A stream that sends `count` events at once, then stays open until stopped. */
const burst = (count: number): StreamSource => ({
  async *stream(_request, signal) {
    for (let i = 0; i < count; i++) {
      yield {
        name: 'as.up.data.forward',
        time: new Date(1_700_000_000_000 + i).toISOString(),
        unique_id: `e${i}`,
      } as TtsEvent;
    }
    await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
  },
});

describe('live events: the buffer size setting', () => {
  const cases: [unknown, string][] = [
    [0, '0'],
    [-5, '-5'],
    [99, '99'],
    [100_001, '100,001'],
    [1e9, '1,000,000,000'],
    [2.5, '2.5'],
    [Number.NaN, 'NaN'],
    ['5000', '"5000"'],
    [null, 'null'],
  ];
  for (const [value, shown] of cases) {
    it(`${shown}: live events start with the default ${BUFFER_SIZE.default} and say why`, async () => {
      const lines: string[] = [];
      const problem =
        `The setting thingsStack.events.bufferSize must be a whole number from 100 to 100,000 (it is ${shown}); ` +
        'live events keep the last 2,000 instead.';
      const live = new LiveEvents({
        source: burst(BUFFER_SIZE.default + 50),
        target: { applicationId: 'app' },
        capacity: value,
        onUpdate: () => undefined,
        log: recordingLog(lines),
      });
      try {
        assert.equal(live.capacityProblem, problem);
        assert.deepEqual(lines, [`warn ${problem}`]);
        void live.start();
        for (let i = 0; i < 100 && live.rawEvents().length < BUFFER_SIZE.default; i++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(live.rawEvents().length, BUFFER_SIZE.default, 'the oldest fell off at the default size');
      } finally {
        live.stop();
      }
    });
  }

  it('a whole number in range is used as it is, without a word', () => {
    for (const size of [100, 2000, 100_000]) {
      assert.deepEqual(checkBufferSize(size), { size });
    }
    assert.deepEqual(checkBufferSize(undefined), { size: BUFFER_SIZE.default });
  });

  it('checks the range package.json declares for the setting', () => {
    const { contributes } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { configuration: { properties: Record<string, Record<string, unknown>> } };
    };
    const declared = contributes.configuration.properties['thingsStack.events.bufferSize'];
    assert.deepEqual({ min: declared.minimum, max: declared.maximum, default: declared.default }, { ...BUFFER_SIZE });
  });
});
