// Mocha root-hook plugin: the secret-leak scan of the whole unit suite. After the run it checks every sink entry
// recorded in it (test/support/leakSinks.ts: log lines, notifications, prompts and their validation messages,
// modals, clipboard, opened URLs, JSON documents, globalState/workspaceState and settings writes, errors that
// reached the command boundary) plus the contract checks' violation texts, against every secret value that
// existed in the run: each access/refresh token, authorization code, API key, browser session, client secret and
// password a TTS test server issued or was seeded with (test/support/ttsServer/issuedSecrets.ts), and the SEED
// constants. Any secret found in any entry fails the run; the failure names the sink and masks the value.
//
// One-time secrets. TTS returns a new OAuth client's secret and a new API key's value only in the create
// response, and the product shows that value once in a modal ("copy it now") and copies it on request. Such an
// entry carries the value it shows (`oneTime`); the scan removes exactly that value from it when the value is a
// client secret or an API key, and scans the rest (title, detail) as usual. A one-time modal that shows an OAuth
// token, or a second secret, is still a leak. The clipboard may hold exactly one client secret or API key
// ("Copy Secret"), nothing else.
//
// Log lines are scanned as the code wrote them, before redaction (stricter than the Logger). The Logger itself
// (src/platform/logger.ts) imports vscode and never runs in this suite: test/integration scans the host's log.
//
// Values shorter than MIN_SECRET characters are not scanned (none is issued; a test may set a short one on purpose).
// Registered in .mocharc.json before contractHooks.ts, so the violation texts are scanned before that hook prints
// them; a failing root hook stops the ones after it, so a leak is reported before any contract violation.
import { checkServers, contractAvailable } from './contract';
import { everRecorded, recordedSinks, type SinkEntry, type SinkKind } from './leakSinks';
import { issuedSecrets, type SecretKind } from './ttsServer/issuedSecrets';
import { SEED } from './ttsServer/seedWorld';
import { recordedServers } from './ttsServer/servers';

export const MIN_SECRET = 8;
const ONE_TIME_KINDS: ReadonlySet<SecretKind> = new Set(['client secret', 'API key']);
const MAX_LISTED = 20;

export interface Leak {
  sink: SinkKind;
  kind: SecretKind;
  /** The entry around the secret, with every secret in it masked: safe to print. */
  excerpt: string;
}

/** Every secret of the run: what the test servers issued, plus the SEED constants (known even without a server). */
export function knownSecrets(): Map<string, SecretKind> {
  const all = new Map(issuedSecrets());
  for (const user of [SEED.admin, SEED.alice, SEED.bob]) {
    all.set(user.password, 'password');
  }
  for (const client of [SEED.client, SEED.demo.clients.aliceDashboard, SEED.demo.clients.acmePortal]) {
    all.set(client.secret, 'client secret');
  }
  return all;
}

/** Secrets indexed by their first MIN_SECRET characters, so a scan costs one lookup per character of text. */
function indexOf(secrets: ReadonlyMap<string, SecretKind>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const secret of secrets.keys()) {
    if (secret.length >= MIN_SECRET) {
      const head = secret.slice(0, MIN_SECRET);
      const list = index.get(head);
      if (list) {
        list.push(secret);
      } else {
        index.set(head, [secret]);
      }
    }
  }
  return index;
}

function found(text: string, index: Map<string, string[]>): string[] {
  const hits = new Set<string>();
  for (let i = 0; i + MIN_SECRET <= text.length; i++) {
    const candidates = index.get(text.slice(i, i + MIN_SECRET));
    for (const secret of candidates ?? []) {
      if (text.startsWith(secret, i)) {
        hits.add(secret);
      }
    }
  }
  return [...hits];
}

function mask(text: string, secrets: ReadonlyMap<string, SecretKind>, hits: readonly string[], around: string): string {
  const at = Math.max(0, text.indexOf(around));
  let excerpt = text.slice(Math.max(0, at - 60), at + around.length + 60);
  for (const secret of [...hits].sort((a, b) => b.length - a.length)) {
    excerpt = excerpt.split(secret).join(`«${secrets.get(secret) ?? 'secret'}»`);
  }
  return excerpt.replace(/\s+/g, ' ');
}

/** The one-time value an entry may show, when it is one that may be shown (a client secret or an API key). */
function allowed(entry: SinkEntry, secrets: ReadonlyMap<string, SecretKind>): string | undefined {
  if (entry.oneTime === undefined || (entry.sink !== 'one-time secret' && entry.sink !== 'clipboard')) {
    return undefined;
  }
  const kind = secrets.get(entry.oneTime);
  if (!kind || !ONE_TIME_KINDS.has(kind)) {
    return undefined;
  }
  if (entry.sink === 'clipboard' && entry.text.trim() !== entry.oneTime) {
    return undefined; // the clipboard may hold the secret alone, not inside other text
  }
  return entry.oneTime;
}

/** Every secret that appears in an entry where it may not. Pure, so its own tests can plant leaks. */
export function scanForLeaks(secrets: ReadonlyMap<string, SecretKind>, entries: readonly SinkEntry[]): Leak[] {
  const index = indexOf(secrets);
  const leaks: Leak[] = [];
  for (const entry of entries) {
    const shown = allowed(entry, secrets);
    const text = shown === undefined ? entry.text : entry.text.split(shown).join(' ');
    // A whole token also contains its key part: report the longest value found, once.
    const all = found(text, index);
    const hits = all.filter((hit) => !all.some((other) => other !== hit && other.includes(hit)));
    for (const secret of hits) {
      leaks.push({
        sink: entry.sink,
        kind: secrets.get(secret) ?? 'client secret',
        excerpt: mask(text, secrets, hits, secret),
      });
    }
  }
  return leaks;
}

function count<T extends string>(items: readonly T[]): string {
  const counts = new Map<T, number>();
  items.forEach((item) => counts.set(item, (counts.get(item) ?? 0) + 1));
  return [...counts].map(([item, n]) => `${item} ${n}`).join(', ');
}

/** The scan of the run so far: throws listing the leaks (masked), else returns the summary line. */
export function leakScan(): string {
  const started = Date.now();
  const secrets = knownSecrets();
  const servers = recordedServers();
  const violations: SinkEntry[] =
    servers.length > 0 && contractAvailable()
      ? checkServers(servers).map((text) => ({ sink: 'contract violation', text }))
      : [];
  const entries = [...recordedSinks(), ...violations];
  // Wiring check: a run that started test servers has seen secrets issued and something shown or logged.
  if (servers.length > 0 && (issuedSecrets().size === 0 || everRecorded() === 0)) {
    throw new Error(
      `Leak scan: ${servers.length} test server(s) ran but the recorder saw ${issuedSecrets().size} issued secret(s) and ` +
        `${everRecorded()} sink entr(ies): its hooks in test/support/ttsServer or test/support/leakSinks.ts are not wired.`,
    );
  }
  const leaks = scanForLeaks(secrets, entries);
  if (leaks.length > 0) {
    const listed = leaks
      .slice(0, MAX_LISTED)
      .map((l) => `  - ${l.kind} in ${l.sink}: "${l.excerpt}"`)
      .join('\n');
    const more = leaks.length > MAX_LISTED ? `\n  … and ${leaks.length - MAX_LISTED} more` : '';
    throw new Error(
      `Leak scan: ${leaks.length} secret value(s) where the user or the log can see them:\n${listed}${more}`,
    );
  }
  return (
    `Leak scan: ${secrets.size} secret values known (whole tokens and their key parts: ${count([...secrets.values()])}); ` +
    `${entries.length} sink entries scanned (${count(entries.map((e) => e.sink))}); no leak (${Date.now() - started} ms).`
  );
}

export const mochaHooks = {
  afterAll(): void {
    console.log(`\n  ${leakScan()}`);
  },
};
