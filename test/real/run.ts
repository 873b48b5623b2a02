// `npm run test:real`: the conformance suite against a real The Things Stack at TTS_URL (see
// ../shared/real-tts). Without TTS_URL it says so in one line and exits 0, so CI (which cannot build TTS) skips it.
import { spawnSync } from 'node:child_process';

if (!process.env.TTS_URL) {
  console.log(
    'test:real skipped: set TTS_URL, TTS_USER, TTS_PASSWORD and TTS_API_KEY to run it against a real The Things Stack.',
  );
  process.exit(0);
}
const result = spawnSync('npx', ['mocha', '--config', 'test/real/.mocharc.json'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
