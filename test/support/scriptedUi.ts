// A Ui that answers prompts from a script, in order, and fails the test on any prompt the script did not expect.
// It records everything else the command shows: messages, clipboard, opened URLs, JSON documents, secrets — and hands
// every text it shows to the suite-wide leak scan (leakSinks.ts).
import { AssertionError } from 'node:assert';
import {
  type ConfirmOptions,
  type InputOptions,
  type PickItem,
  type PickOptions,
  type SearchPickOptions,
  type SearchPickResult,
  type SecretOptions,
  type Severity,
  type Ui,
} from '../../src/ui/ui';
import { recordSink } from './leakSinks';
import { GoBackError, UserCancelledError } from '../../src/util/cancellation';

interface Expect {
  /** Checked against the prompt's title, placeholder and prompt text together. */
  expect?: RegExp;
}
export type ScriptStep = Expect &
  (
    | { pick: string }
    | { pickMany: string[] | 'keep'; invalid?: RegExp }
    | { input: string; invalid?: RegExp; advice?: RegExp; severity?: Severity }
    | { search: string; choose?: string; invalid?: RegExp }
    | { confirm: boolean }
    | { secret: 'ack' }
    | { cancel: true }
    | { back: true }
  );

type Kind = 'pick' | 'pickMany' | 'input' | 'search' | 'confirm' | 'secret';

export interface Shown {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export class ScriptedUi implements Ui {
  readonly messages: Shown[] = [];
  readonly clipboard: string[] = [];
  readonly opened: string[] = [];
  readonly documents: { title: string; value: unknown }[] = [];
  readonly secrets: SecretOptions[] = [];
  readonly progress: string[] = [];
  /** What each input box showed as it opened, before anything was typed ("error: …"; "" for nothing). */
  readonly openingChecks: string[] = [];
  /** Every prompt seen, as "kind: text", for failure messages. */
  readonly prompts: string[] = [];
  /** Answers to messages with actions: the first pattern that matches the text picks the action. */
  readonly messageActions: [RegExp, string][] = [];
  private readonly script: ScriptStep[];

  constructor(script: ScriptStep[] = []) {
    this.script = [...script];
  }

  /** Adds more answers (for a second command in the same test). */
  answer(...steps: ScriptStep[]): this {
    this.script.push(...steps);
    return this;
  }

  /** Forgets what was shown so far (between two commands in one test). */
  clear(): void {
    for (const list of [
      this.messages,
      this.clipboard,
      this.opened,
      this.documents,
      this.secrets,
      this.progress,
      this.prompts,
      this.openingChecks,
    ] as unknown[][]) {
      list.length = 0;
    }
  }

  get remaining(): readonly ScriptStep[] {
    return this.script;
  }

  assertDone(): void {
    if (this.script.length > 0) {
      throw new AssertionError({
        message: `Script has ${this.script.length} unused step(s): ${JSON.stringify(this.script)}\nPrompts seen:\n${this.prompts.join('\n')}`,
      });
    }
  }

  text(level?: Shown['level']): string {
    return this.messages
      .filter((m) => !level || m.level === level)
      .map((m) => m.text)
      .join('\n');
  }

  private next(kind: Kind, description: string): ScriptStep {
    this.prompts.push(`${kind}: ${description}`);
    const step = this.script.shift();
    if (!step) {
      throw new AssertionError({
        message: `Unexpected ${kind} prompt (script is empty): ${description}\nPrompts seen:\n${this.prompts.join('\n')}`,
      });
    }
    if (step.expect && !step.expect.test(description)) {
      throw new AssertionError({
        message: `The ${kind} prompt "${description}" does not match ${String(step.expect)}`,
      });
    }
    if ('cancel' in step) {
      throw new UserCancelledError();
    }
    if ('back' in step) {
      throw new GoBackError();
    }
    const expected: Record<Kind, string> = {
      pick: 'pick',
      pickMany: 'pickMany',
      input: 'input',
      search: 'search',
      confirm: 'confirm',
      secret: 'secret',
    };
    if (!(expected[kind] in step)) {
      throw new AssertionError({
        message: `Script expected ${JSON.stringify(step)} but got a ${kind} prompt: ${description}`,
      });
    }
    return step;
  }

  /** What a pick shows: its title, placeholder and every item's label, description and detail. */
  private static shown<T>(where: string, items: readonly PickItem<T>[]): string {
    return [where, ...items.map((i) => [i.label, i.description, i.detail].filter(Boolean).join(' — '))].join('\n');
  }

  private static find<T>(items: readonly PickItem<T>[], label: string, where: string): PickItem<T> {
    // By label, or by description (a right's enum name) when labels repeat across groups.
    const item =
      items.find((i) => !i.separator && i.label === label) ??
      items.find((i) => !i.separator && i.description === label);
    if (!item) {
      throw new AssertionError({
        message: `No item "${label}" in ${where}; items: ${items
          .filter((i) => !i.separator)
          .map((i) => i.label)
          .join(' | ')}`,
      });
    }
    return item;
  }

  async pick<T>(options: PickOptions<T>): Promise<T> {
    const where = `${options.title} — ${options.placeholder}`;
    recordSink('prompt', ScriptedUi.shown(where, options.items));
    const step = this.next('pick', where) as { pick: string };
    return ScriptedUi.find(options.items, step.pick, where).value;
  }

  async pickMany<T>(options: PickOptions<T>): Promise<T[]> {
    const where = `${options.title} — ${options.placeholder}`;
    recordSink('prompt', ScriptedUi.shown(where, options.items));
    for (;;) {
      const step = this.next('pickMany', where) as { pickMany: string[] | 'keep'; invalid?: RegExp };
      const values =
        step.pickMany === 'keep'
          ? options.items.filter((i) => !i.separator && i.picked).map((i) => i.value)
          : step.pickMany.map((label) => ScriptedUi.find(options.items, label, where).value);
      const check = options.validate?.(values);
      if (step.invalid) {
        if (!check || check.severity !== 'error' || !step.invalid.test(check.message)) {
          throw new AssertionError({
            message: `Expected ${JSON.stringify(step.pickMany)} to be refused with ${String(step.invalid)}, got ${JSON.stringify(check)}`,
          });
        }
        continue; // the pick stays open: the next step answers the same prompt
      }
      if (check?.severity === 'error') {
        throw new AssertionError({
          message: `Selection ${JSON.stringify(step.pickMany)} was refused: ${check.message} (${where})`,
        });
      }
      return values;
    }
  }

  async input(options: InputOptions): Promise<string> {
    const where = `${options.title} — ${options.prompt}`;
    recordSink('prompt', [where, options.placeholder, options.value].filter(Boolean).join('\n'));
    const opening = options.quietWhenEmpty && !options.value ? undefined : options.validate?.(options.value ?? '');
    this.openingChecks.push(opening ? `${opening.severity}: ${opening.message}` : '');
    for (;;) {
      const step = this.next('input', where) as Extract<ScriptStep, { input: string }>;
      const check = options.validate?.(step.input);
      if (check) {
        recordSink('prompt', check.message);
      }
      if (step.invalid) {
        if (!check || check.severity !== 'error' || !step.invalid.test(check.message)) {
          throw new AssertionError({
            message: `Expected "${step.input}" to be refused with ${String(step.invalid)}, got ${JSON.stringify(check)}`,
          });
        }
        continue; // the box stays open: the next step answers the same prompt
      }
      if (check?.severity === 'error') {
        throw new AssertionError({ message: `Input "${step.input}" was refused: ${check.message} (${where})` });
      }
      if (
        step.advice &&
        (!check || !step.advice.test(check.message) || (step.severity && check.severity !== step.severity))
      ) {
        throw new AssertionError({
          message: `Expected advice ${String(step.advice)} for "${step.input}", got ${JSON.stringify(check)}`,
        });
      }
      return step.input;
    }
  }

  async searchPick<T>(options: SearchPickOptions<T>): Promise<SearchPickResult<T>> {
    const where = `${options.title} — ${options.placeholder}`;
    for (;;) {
      const step = this.next('search', where) as { search: string; choose?: string; invalid?: RegExp };
      const items =
        step.search || !options.initial
          ? await options.search(step.search, new AbortController().signal)
          : options.initial;
      recordSink('prompt', ScriptedUi.shown([where, options.value].filter(Boolean).join('\n'), items));
      if (step.choose !== undefined) {
        return { kind: 'item', value: ScriptedUi.find(items, step.choose, where).value };
      }
      if (!options.acceptText) {
        throw new AssertionError({
          message: `"${where}" needs an item chosen; the script only typed "${step.search}"`,
        });
      }
      const problem = step.search.trim() ? options.validateText?.(step.search.trim()) : undefined;
      if (problem) {
        recordSink('prompt', problem);
      }
      if (step.invalid) {
        if (!problem || !step.invalid.test(problem)) {
          throw new AssertionError({
            message: `Expected "${step.search}" to be refused with ${String(step.invalid)}, got ${JSON.stringify(problem)}`,
          });
        }
        continue; // the box stays open: the next step answers the same prompt
      }
      if (problem) {
        throw new AssertionError({ message: `Typed "${step.search}" was refused: ${problem} (${where})` });
      }
      return { kind: 'text', text: step.search };
    }
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    recordSink('modal', `${options.message}\n${options.detail}\n${options.confirm}`);
    const step = this.next('confirm', `${options.message} — ${options.detail}`) as { confirm: boolean };
    return step.confirm;
  }

  async showSecret(options: SecretOptions): Promise<void> {
    recordSink('one-time secret', `${options.title}\n${options.detail}\n\n${options.secret}`, options.secret);
    this.next('secret', `${options.title} — ${options.detail}`);
    this.secrets.push(options);
  }

  private async message(level: Shown['level'], text: string, actions: string[]): Promise<string | undefined> {
    this.messages.push({ level, text });
    recordSink('notification', [text, ...actions].join('\n'));
    const action = this.messageActions.find(([pattern]) => pattern.test(text))?.[1];
    return action && actions.includes(action) ? action : undefined;
  }

  info(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.message('info', message, actions);
  }

  warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.message('warn', message, actions);
  }

  error(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.message('error', message, actions);
  }

  async copy(text: string): Promise<void> {
    this.clipboard.push(text);
    recordSink('clipboard', text, text.trim());
  }

  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
    recordSink('opened URL', url);
  }

  async withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.progress.push(title);
    recordSink('progress', title);
    return task(new AbortController().signal);
  }

  async showJson(title: string, value: unknown): Promise<void> {
    this.documents.push({ title, value });
    recordSink('document', `${title}\n${JSON.stringify(value, null, 2)}`);
  }
}
