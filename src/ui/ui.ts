// The user-interface seam the commands talk to. It has no VS Code types, so commands run in plain Node against a
// scripted fake (test/support/scriptedUi.ts) and in VS Code against src/ui/vscodeUi.ts.

/** Where a prompt sits in a multi-step input: drives the "2/5" title and the Back button. */
export interface StepInfo {
  step: number;
  total: number;
  /** Show the Back button. */
  back: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

/** An error blocks accepting the value; a warning or info is shown but the value can still be accepted. */
export interface Validation {
  severity: Severity;
  message: string;
}

export interface PickItem<T> {
  label: string;
  value: T;
  description?: string;
  detail?: string;
  /** Pre-selected in a multi-select pick. */
  picked?: boolean;
  /** Codicon id, e.g. `account`. */
  icon?: string;
  /** Renders as a group heading; never returned. */
  separator?: boolean;
}

interface PromptBase {
  title: string;
  step?: StepInfo;
}

export interface PickOptions<T> extends PromptBase {
  placeholder: string;
  items: readonly PickItem<T>[];
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** pickMany: checked when the user accepts; an error keeps the pick open and is shown as its validation message. */
  validate?: (values: readonly T[]) => Validation | undefined;
}

export interface InputOptions extends PromptBase {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Checked on every keystroke; an error blocks Enter. */
  validate?: (value: string) => Validation | undefined;
  /** An empty box shows no message (a typed confirmation opens neutral); `validate` still decides whether Enter works. */
  quietWhenEmpty?: boolean;
}

/** A pick whose items come from the server as the user types (type-ahead). */
export interface SearchPickOptions<T> extends PromptBase {
  placeholder: string;
  /** Text already in the box (e.g. the current filter). */
  value?: string;
  /** Shown before anything is typed. */
  initial?: readonly PickItem<T>[];
  /** Runs after typing pauses; earlier searches are aborted. */
  search: (text: string, signal: AbortSignal) => Promise<PickItem<T>[]>;
  /** Accepting the typed text (no item chosen) is allowed and returns `{ text }`. */
  acceptText?: boolean;
  /** How the typed text's own item reads (default: a filter icon and "filter by this text"; an empty box then offers
   * "Show Everything"). With a textItem an empty box offers nothing of its own. */
  textItem?: { icon: string; description: string };
  /** What is wrong with the typed text as an answer, checked on every keystroke: shown on its item, and Enter on it
   * keeps the box open. */
  validateText?: (text: string) => string | undefined;
}

export type SearchPickResult<T> = { kind: 'item'; value: T } | { kind: 'text'; text: string };

export interface ConfirmOptions {
  message: string;
  /** What happens and what cannot be undone. */
  detail: string;
  /** The button that goes ahead, e.g. "Delete". */
  confirm: string;
}

export interface SecretOptions {
  title: string;
  /** What the secret is for and where it is kept. */
  detail: string;
  secret: string;
}

export interface Ui {
  pick<T>(options: PickOptions<T>): Promise<T>;
  pickMany<T>(options: PickOptions<T>): Promise<T[]>;
  input(options: InputOptions): Promise<string>;
  searchPick<T>(options: SearchPickOptions<T>): Promise<SearchPickResult<T>>;
  /** A modal question; false when the user did not press `confirm`. */
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** A modal with Copy that only closes once the user confirms they have the secret. */
  showSecret(options: SecretOptions): Promise<void>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  copy(text: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** Runs a server call with a cancellable progress notification; cancelling aborts the signal. */
  withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Opens a read-only JSON document. */
  showJson(title: string, value: unknown): Promise<void>;
}

/** A Ui that asks through `override()` while it gives one (the extension-host tests script prompts so), else `ui`. */
export function overridableUi(ui: Ui, override: () => Ui | undefined): Ui {
  return new Proxy(ui, {
    get(target, key) {
      const chosen = override() ?? target;
      const value = Reflect.get(chosen, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(chosen) : value;
    },
  });
}
