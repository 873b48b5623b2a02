// Deployed formatters as editable documents: `thingsstack-formatter:/<deployment>/<app>[/devices/<dev>]/uplink.js`.
// Opening reads the formatter once (stat loads it, readFile hands the same text over); saving goes through
// saveFlow.ts (conflict check, then a write of only that formatter). The conflict question and the diff editor are
// the caller's (FormatterConflictUi); this file only maps outcomes onto the file system contract.
import vscode = require('vscode');
import type { Accounts } from '../../auth/accounts';
import type { FormattersApi } from '../../tts/formatters';
import type { Right } from '../../tts/rights';
import { describeError } from '../../ui/errorText';
import { formatterPath, parseFormatterPath, type FormatterLocation } from '../location';
import { documentText, readFormatter, type FormatterValue } from '../deployed';
import type { Conflict, ConflictChoice } from '../saveFlow';
import type { ConcurrentChange } from '../writeCheck';

export const FORMATTER_SCHEME = 'thingsstack-formatter';

export function formatterUri(location: FormatterLocation): vscode.Uri {
  return vscode.Uri.from({ scheme: FORMATTER_SCHEME, path: formatterPath(location) });
}

export function locationOf(uri: vscode.Uri): FormatterLocation | undefined {
  return uri.scheme === FORMATTER_SCHEME ? parseFormatterPath(uri.path) : undefined;
}

export interface FormatterConflictUi {
  /** Asks Compare / Overwrite / Reload (`message` says what changed); undefined when the user closes the question. */
  ask(conflict: Conflict, message: string): Promise<ConflictChoice | undefined>;
  /** Shows the server's version beside the document. */
  compare(uri: vscode.Uri, server: FormatterValue): Promise<void>;
  /** Saved, but someone else wrote meanwhile (writeCheck.ts): says so and offers Compare; not awaited. */
  concurrent(uri: vscode.Uri, change: ConcurrentChange): void;
}

interface Entry {
  /** What the server had when the document was opened or last saved. */
  base: FormatterValue;
  mtime: number;
  /** Text loaded by stat and not yet handed to readFile (so opening costs one request). */
  pending?: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class FormatterFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly saved = new vscode.EventEmitter<FormatterLocation>();
  /** After a formatter was written (the tree refreshes its row). */
  readonly onDidSave = this.saved.event;
  /** Reads of a formatter from the server to open or reload a document (each is one request). */
  reads = 0;

  constructor(
    private readonly accounts: Accounts,
    private readonly conflicts: FormatterConflictUi,
  ) {}

  /** What the open document's formatter was on the server when it was opened (undefined if not open). */
  base(uri: vscode.Uri): FormatterValue | undefined {
    return this.entries.get(uri.toString())?.base;
  }

  /** The server changed (e.g. "Change Formatter Type"): the document reloads unless it has unsaved edits. */
  async reload(uri: vscode.Uri): Promise<void> {
    const location = this.locate(uri);
    await this.load(uri, location);
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const location = parseFormatterPath(uri.path);
    if (!location) {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    const entry = this.entries.get(uri.toString()) ?? (await this.load(uri, location));
    return {
      type: vscode.FileType.File,
      ctime: entry.mtime,
      mtime: entry.mtime,
      size: encoder.encode(documentText(entry.base)).byteLength,
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const location = this.locate(uri);
    let entry = this.entries.get(uri.toString());
    if (!entry?.pending) {
      entry = await this.load(uri, location);
    }
    const text = entry.pending ?? encoder.encode(documentText(entry.base));
    entry.pending = undefined;
    return text;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const location = this.locate(uri);
    const key = uri.toString();
    const entry = this.entries.get(key) ?? (await this.load(uri, location));
    const text = decoder.decode(content);
    const { saveFormatter, conflictMessage } = await import('../saveFlow'); // brings the parser: loaded on first save
    let result: Awaited<ReturnType<typeof saveFormatter>>;
    try {
      result = await saveFormatter(this.api(location), location, entry.base, text, (c) =>
        this.conflicts.ask(c, conflictMessage(c)),
      );
    } catch (error) {
      if (error instanceof vscode.FileSystemError) {
        throw error;
      }
      const needed: Right[] = [
        location.deviceId === undefined ? 'RIGHT_APPLICATION_SETTINGS_BASIC' : 'RIGHT_APPLICATION_DEVICES_WRITE',
      ];
      throw vscode.FileSystemError.Unavailable(`Not saved: ${describeError(error, needed)}`);
    }
    switch (result.outcome) {
      case 'saved':
        // The base is what was written: after a concurrent change the next save finds the server's differs, and asks.
        this.entries.set(key, { base: result.stored, mtime: Date.now() });
        this.saved.fire(location);
        if (result.concurrent) {
          this.conflicts.concurrent(uri, result.concurrent);
        }
        return;
      case 'refused':
        throw vscode.FileSystemError.NoPermissions(result.message);
      case 'compare':
        await this.conflicts.compare(uri, result.server);
        throw vscode.FileSystemError.Unavailable(
          'Not saved: the formatter changed on the server. Compare the versions, then save again to choose Overwrite or Reload.',
        );
      case 'reload':
        // The save "succeeds" without writing; then the file changes under the (now clean) document, which reloads
        // the server's version. A later mtime than the one VS Code reads right after this save makes it reload.
        setTimeout(() => {
          this.entries.set(key, {
            base: result.server,
            mtime: Date.now() + 1,
            pending: encoder.encode(documentText(result.server)),
          });
          this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
        }, 50);
        return;
      case 'cancelled':
        throw vscode.FileSystemError.Unavailable('Not saved: the formatter changed on the server.');
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Formatters are files of an application or an end device.');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Set the formatter type to None with "Change Formatter Type".');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('A formatter cannot be renamed.');
  }

  dispose(): void {
    this.changes.dispose();
    this.saved.dispose();
    this.entries.clear();
  }

  private locate(uri: vscode.Uri): FormatterLocation {
    const location = parseFormatterPath(uri.path);
    if (!location) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return location;
  }

  private api(location: FormatterLocation): FormattersApi {
    const account = this.accounts.account(location.deploymentKey);
    if (!account) {
      throw vscode.FileSystemError.Unavailable(
        `Not signed in to ${location.deploymentKey}: sign in to open or save its formatters.`,
      );
    }
    return account.api.formatters;
  }

  /** One read per document open: VS Code asks stat and readFile at the same time, both wait for the same request. */
  private load(uri: vscode.Uri, location: FormatterLocation): Promise<Entry> {
    const key = uri.toString();
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.fetch(uri, location).finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  private async fetch(uri: vscode.Uri, location: FormatterLocation): Promise<Entry> {
    let base: FormatterValue;
    try {
      this.reads++;
      base = await readFormatter(this.api(location), location);
    } catch (error) {
      if (error instanceof vscode.FileSystemError) {
        throw error;
      }
      throw vscode.FileSystemError.Unavailable(`Could not read the formatter: ${describeError(error)}`);
    }
    const entry: Entry = { base, mtime: Date.now(), pending: encoder.encode(documentText(base)) };
    this.entries.set(uri.toString(), entry);
    return entry;
  }
}
