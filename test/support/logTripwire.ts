// The log tripwire: what the workbench's logs say about this extension, read as the run goes. A tree error is a row
// that cannot expand or a registration VS Code refused ("No tree item with id … found.", "Element with id … is
// already registered", "Cannot resolve tree item …" in the extension host log; "TreeError [thingsStack.explorer] …"
// in the window's console) and an uncaught error is one whose stack runs through the extension's own files. Either
// fails the step that caused it, as an unannounced error notification does (screen.ts).
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const EXTENSION_ID = 'lpwan-tools.things-stack-manager';
const VIEW_ID = 'thingsStack.explorer';

export interface LogProblem {
  source: 'extension host log' | 'window console';
  kind: 'tree error' | 'uncaught error';
  text: string;
  /** Planted on purpose by a self-check: it does not fail the run. */
  expected?: boolean;
}

const TREE_ERRORS = [
  /No tree item with id '[^']*' found\./,
  /Element with id .* is already registered/,
  /Cannot resolve tree item for element/,
  /Failed to resolve tree node/,
];

/**
 * The problems in one log entry (its first line and the stack lines below it). `extensionDirs` are the folders the
 * extension runs from (the installed one, or the development folder of a host run).
 */
export function classify(
  entry: string,
  source: LogProblem['source'],
  extensionDirs: readonly string[],
): LogProblem | undefined {
  const first = entry.split('\n')[0];
  if (source === 'extension host log') {
    if (!/\[error\]/.test(first)) {
      return undefined;
    }
    if (TREE_ERRORS.some((re) => re.test(entry))) {
      return { source, kind: 'tree error', text: entry.trim() };
    }
    const ours = entry.includes(EXTENSION_ID) || extensionDirs.some((dir) => entry.includes(dir));
    return ours ? { source, kind: 'uncaught error', text: entry.trim() } : undefined;
  }
  if (
    entry.includes(`TreeError [${VIEW_ID}]`) ||
    (entry.includes(VIEW_ID) && TREE_ERRORS.some((re) => re.test(entry)))
  ) {
    return { source, kind: 'tree error', text: entry.trim() };
  }
  if (entry.includes(`[${EXTENSION_ID}]`) || extensionDirs.some((dir) => entry.includes(dir))) {
    return { source, kind: 'uncaught error', text: entry.trim() };
  }
  return undefined;
}

/** Splits log text into entries: a line starting with a timestamp, and the lines (a stack) below it. */
export function entries(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(line) || out.length === 0) {
      out.push(line);
    } else {
      out[out.length - 1] += `\n${line}`;
    }
  }
  return out.filter((e) => e.trim() !== '');
}

function extensionHostLogs(userDataDir: string): string[] {
  const root = join(userDataDir, 'logs');
  if (!existsSync(root)) {
    return [];
  }
  return readdirSync(root).flatMap((session) => {
    const dir = join(root, session);
    return statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((d) => d.startsWith('exthost'))
          .map((d) => join(dir, d, 'remoteexthost.log'))
          .filter((f) => existsSync(f))
      : [];
  });
}

/** Reads the logs of one workbench as the run goes: each call returns what is new. */
export class LogTripwire {
  private readonly offsets = new Map<string, number>();
  private readonly pending = new Map<string, string>();
  private consoleProblems: LogProblem[] = [];
  private readonly seen: LogProblem[] = [];

  constructor(
    private readonly userDataDir: string,
    private readonly extensionDirs: readonly string[],
  ) {}

  /** Collects the window's console errors (VS Code logs its tree errors and extensions' uncaught errors there). */
  watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') {
        return;
      }
      const problem = classify(message.text(), 'window console', this.extensionDirs);
      if (problem) {
        this.consoleProblems.push(problem);
      }
    });
  }

  /** Problems logged since the last call (an entry still being written is read on the next call). */
  read(): LogProblem[] {
    const out = this.consoleProblems;
    this.consoleProblems = [];
    for (const file of extensionHostLogs(this.userDataDir)) {
      const from = this.offsets.get(file) ?? 0;
      const size = statSync(file).size;
      if (size <= from) {
        continue;
      }
      const buffer = Buffer.alloc(size - from);
      const fd = openSync(file, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, from);
      } finally {
        closeSync(fd);
      }
      this.offsets.set(file, size);
      const text = (this.pending.get(file) ?? '') + buffer.toString('utf8');
      const list = entries(text);
      // The last entry may still grow (its stack): keep it for the next read unless the text ended a line.
      const last = text.endsWith('\n') ? undefined : list.pop();
      this.pending.set(file, last ?? '');
      for (const entry of list) {
        const problem = classify(entry, 'extension host log', this.extensionDirs);
        if (problem) {
          out.push(problem);
        }
      }
    }
    this.seen.push(...out);
    return out;
  }

  /** Everything found so far. */
  all(): LogProblem[] {
    this.read();
    return [...this.seen];
  }

  /** Marks problems `from` (inclusive) to `to` (exclusive) of all() as planted by a self-check. */
  expect(from: number, to: number): void {
    this.seen.slice(from, to).forEach((p) => (p.expected = true));
  }

  /** What fails the run: everything not planted. */
  unexpected(): LogProblem[] {
    return this.all().filter((p) => !p.expected);
  }
}

/** One line per problem, for a failure message. */
export function describeProblems(problems: readonly LogProblem[]): string {
  return problems.map((p) => `${p.kind} in the ${p.source}: ${p.text.split('\n').slice(0, 4).join(' | ')}`).join('\n');
}
