// Where the TTS API contract lives. It is read in place and never copied into this repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The spec's path: `TTS_API_SPEC`, else `../shared/tts/api.swagger.json` beside the repository. */
export function specPath() {
  return process.env.TTS_API_SPEC || resolve(repoRoot, '..', 'shared', 'tts', 'api.swagger.json');
}

/** The parsed spec, or undefined (with the reason) when it is not on this machine. */
export function loadSpec() {
  const path = specPath();
  if (!existsSync(path)) {
    return { spec: undefined, reason: `TTS API spec not found at ${path} (set TTS_API_SPEC); skipping.` };
  }
  return { spec: JSON.parse(readFileSync(path, 'utf8')), reason: undefined };
}
