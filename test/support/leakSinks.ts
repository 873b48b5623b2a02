// Everything the code under test wrote where a user (or a log reader) can see it, recorded for the whole mocha run:
// log lines, notifications, prompts, modals, clipboard, opened URLs, documents, globalState/workspaceState and
// settings writes, and the messages of errors that reach the command boundary. The leak scan
// (test/support/leakRecorder.ts) checks every entry against every secret the TTS test servers handed out.
// Kept on globalThis: the root hook and the tests may load this module through different module instances.

export type SinkKind =
  | 'log'
  | 'notification'
  | 'prompt'
  | 'progress'
  | 'modal'
  | 'one-time secret'
  | 'clipboard'
  | 'opened URL'
  | 'document'
  | 'globalState'
  | 'workspaceState'
  | 'settings'
  | 'boundary error'
  | 'contract violation';

export interface SinkEntry {
  sink: SinkKind;
  text: string;
  /**
   * A value this entry shows on purpose: the one-time modal that displays a new client secret or API key, or the
   * clipboard after "Copy". The scan accepts it only when it is a client secret or an API key, never a token.
   */
  oneTime?: string;
}

const KEY = Symbol.for('things-stack-manager.leak-sinks');

interface Registry {
  entries: SinkEntry[];
  /** Entries ever recorded, including forgotten ones: shows the recorder is wired even when tests clean up. */
  total: number;
}

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  holder[KEY] ??= { entries: [], total: 0 };
  return holder[KEY];
}

export function recordSink(sink: SinkKind, text: string, oneTime?: string): SinkEntry {
  const entry: SinkEntry = oneTime === undefined ? { sink, text } : { sink, text, oneTime };
  registry().entries.push(entry);
  registry().total++;
  return entry;
}

export function recordedSinks(): readonly SinkEntry[] {
  return registry().entries;
}

export function everRecorded(): number {
  return registry().total;
}

/** Takes planted entries back out (the recorder's own tests). */
export function forgetSinks(...planted: SinkEntry[]): void {
  const list = registry().entries;
  for (const entry of planted) {
    const at = list.indexOf(entry);
    if (at >= 0) {
      list.splice(at, 1);
    }
  }
}

export interface RecordingLog {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/**
 * A log for the code under test that keeps its lines (`"<level> <message>"`) in `lines` and records each one as a
 * 'log' sink entry. Lines are recorded as the code wrote them, before any redaction: the scan is stricter than the
 * Logger, which would hide token-shaped values.
 */
export function recordingLog(lines: string[] = []): RecordingLog {
  const write = (level: string, message: string): void => {
    lines.push(`${level} ${message}`);
    recordSink('log', message);
  };
  return {
    trace: (m) => write('trace', m),
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', String(m)),
  };
}
