// The Ui seam in VS Code: QuickPick / InputBox with step counts and Back, live validation with severities,
// type-ahead picks, modal confirmations and a one-time-secret modal that stays until the user has the secret.
import vscode = require('vscode');
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import { showError, showInfo, showModal, showWarning, withCancellableProgress } from '../../platform/notifications';
import {
  type ConfirmOptions,
  type InputOptions,
  type PickItem,
  type PickOptions,
  type SearchPickOptions,
  type SearchPickResult,
  type SecretOptions,
  type Severity,
  type StepInfo,
  type Ui,
} from '../ui';
import { GoBackError, UserCancelledError } from '../../util/cancellation';
import { withoutLinks } from '../../util/plainText';

type Item<T> = vscode.QuickPickItem & { value?: T; text?: string };

const SEVERITY: Record<Severity, vscode.InputBoxValidationSeverity> = {
  error: vscode.InputBoxValidationSeverity.Error,
  warning: vscode.InputBoxValidationSeverity.Warning,
  info: vscode.InputBoxValidationSeverity.Info,
};

/** Labels, descriptions and details often name what the server holds: their `$(…)` must not become an icon. */
function toItem<T>(item: PickItem<T>): Item<T> {
  if (item.separator) {
    return { label: withoutLinks(item.label), kind: vscode.QuickPickItemKind.Separator };
  }
  const label = withoutLinks(item.label);
  return {
    label: item.icon ? `$(${item.icon}) ${label}` : label,
    description: item.description === undefined ? undefined : withoutLinks(item.description),
    detail: item.detail === undefined ? undefined : withoutLinks(item.detail),
    picked: item.picked,
    value: item.value,
  };
}

function applyStep(
  input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] },
  title: string,
  step?: StepInfo,
): void {
  input.title = title;
  input.step = step?.step;
  input.totalSteps = step?.total;
  input.buttons = step?.back ? [vscode.QuickInputButtons.Back] : [];
  input.ignoreFocusOut = true;
}

/** Shows a quick input until it settles: accept resolves, Back rejects GoBackError, hiding rejects cancel. */
function settle<R>(
  input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox,
  onAccept: (done: (value: R) => void) => void,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void): void => {
      if (!settled) {
        settled = true;
        action();
        input.dispose();
      }
    };
    const subscriptions = [
      input.onDidAccept(() => onAccept((value) => finish(() => resolve(value)))),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          finish(() => reject(new GoBackError()));
        }
      }),
      input.onDidHide(() => {
        subscriptions.forEach((s) => s.dispose());
        finish(() => reject(new UserCancelledError()));
      }),
    ];
    input.show();
  });
}

export class VscodeUi implements Ui {
  constructor(private readonly documents: ReadOnlyDocuments) {}

  pick<T>(options: PickOptions<T>): Promise<T> {
    const qp = vscode.window.createQuickPick<Item<T>>();
    applyStep(qp, options.title, options.step);
    qp.placeholder = options.placeholder;
    qp.matchOnDescription = options.matchOnDescription ?? true;
    qp.matchOnDetail = options.matchOnDetail ?? false;
    qp.items = options.items.map(toItem);
    return settle<T>(qp as unknown as vscode.QuickPick<vscode.QuickPickItem>, (done) => {
      const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
      if (chosen && !chosen.kind) {
        done(chosen.value as T);
      }
    });
  }

  pickMany<T>(options: PickOptions<T>): Promise<T[]> {
    const qp = vscode.window.createQuickPick<Item<T>>();
    applyStep(qp, options.title, options.step);
    qp.placeholder = options.placeholder;
    qp.canSelectMany = true;
    qp.matchOnDescription = options.matchOnDescription ?? true;
    qp.items = options.items.map(toItem);
    qp.selectedItems = qp.items.filter((i) => i.picked);
    const title = qp.title;
    return settle<T[]>(qp as unknown as vscode.QuickPick<vscode.QuickPickItem>, (done) => {
      const values = qp.selectedItems.map((i) => i.value as T);
      const problem = options.validate?.(values);
      if (problem?.severity === 'error') {
        // A QuickPick has no validation message in the API (only an InputBox does): the title carries it, the pick stays open.
        qp.title = `${title ?? ''} — ⚠ ${problem.message}`;
        return;
      }
      done(values);
    });
  }

  input(options: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    applyStep(box, options.title, options.step);
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    const check = (value: string): void => {
      const result = options.quietWhenEmpty && value === '' ? undefined : options.validate?.(value);
      box.validationMessage = result ? { message: result.message, severity: SEVERITY[result.severity] } : undefined;
    };
    check(box.value);
    box.onDidChangeValue(check);
    return settle<string>(box, (done) => {
      if (options.validate?.(box.value)?.severity !== 'error') {
        done(box.value);
      }
    });
  }

  searchPick<T>(options: SearchPickOptions<T>): Promise<SearchPickResult<T>> {
    const qp = vscode.window.createQuickPick<Item<T>>();
    applyStep(qp, options.title, options.step);
    qp.placeholder = options.placeholder;
    qp.matchOnDescription = true;
    let results: Item<T>[] = (options.initial ?? []).map(toItem);
    let controller: AbortController | undefined;
    let timer: NodeJS.Timeout | undefined;
    const render = (): void => {
      const text = qp.value.trim();
      // Server results already match; alwaysShow stops the quick pick from filtering them again.
      // The typed text is its own label, so VS Code (which puts the best label match first) keeps it first and Enter
      // takes it, as the placeholder says, even when a match's label starts with it too.
      const problem = text ? options.validateText?.(text) : undefined;
      const typed: Item<T>[] = !options.acceptText
        ? []
        : text
          ? [
              {
                label: `$(${problem ? 'error' : (options.textItem?.icon ?? 'filter')}) ${text}`,
                description: problem ?? options.textItem?.description ?? 'filter by this text',
                text,
                alwaysShow: true,
              },
            ]
          : options.textItem
            ? []
            : [{ label: '$(clear-all) Show Everything', text, alwaysShow: true }];
      qp.items = [...typed, ...results.map((r) => ({ ...r, alwaysShow: true }))];
    };
    const searchSoon = (): void => {
      clearTimeout(timer);
      controller?.abort();
      render();
      timer = setTimeout(() => {
        const current = new AbortController();
        controller = current;
        qp.busy = true;
        options
          .search(qp.value, current.signal)
          .then(
            (items) => {
              if (!current.signal.aborted) {
                results = items.map(toItem);
                render();
              }
            },
            () => {
              if (!current.signal.aborted) {
                results = [];
                render();
              }
            },
          )
          .finally(() => {
            if (controller === current) {
              qp.busy = false;
            }
          });
      }, 250);
    };
    qp.onDidChangeValue(searchSoon);
    qp.value = options.value ?? '';
    if (qp.value) {
      searchSoon();
    }
    render();
    return settle<SearchPickResult<T>>(qp as unknown as vscode.QuickPick<vscode.QuickPickItem>, (done) => {
      const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
      const typed = chosen?.text ?? (chosen ? undefined : qp.value.trim());
      if (typed !== undefined && (typed === '' ? options.textItem : options.validateText?.(typed))) {
        return; // nothing typed yet, or the typed text is refused on its item: the box stays open
      }
      clearTimeout(timer);
      controller?.abort();
      if (chosen?.text !== undefined) {
        done({ kind: 'text', text: chosen.text });
      } else if (chosen && !chosen.kind) {
        done({ kind: 'item', value: chosen.value as T });
      } else if (options.acceptText) {
        done({ kind: 'text', text: qp.value });
      }
    });
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    const answer = await showModal(options.message, options.detail, options.confirm);
    return answer === options.confirm;
  }

  async showSecret(options: SecretOptions): Promise<void> {
    const copy = 'Copy';
    const done = 'I Have Copied It';
    let note = '';
    for (;;) {
      const answer = await showModal(options.title, `${note}${options.detail}\n\n${options.secret}`, copy, done);
      if (answer === done) {
        return;
      }
      if (answer === copy) {
        await vscode.env.clipboard.writeText(options.secret);
        note = 'Copied to the clipboard. ';
      } else {
        note = 'This is the only time the secret is shown: confirm that you have it before closing. ';
      }
    }
  }

  async info(message: string, ...actions: string[]): Promise<string | undefined> {
    return showInfo(message, ...actions);
  }

  async warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return showWarning(message, ...actions);
  }

  async error(message: string, ...actions: string[]): Promise<string | undefined> {
    return showError(message, ...actions);
  }

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  async openExternal(url: string): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(url));
  }

  withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return Promise.resolve(withCancellableProgress(title, task));
  }

  showJson(title: string, value: unknown): Promise<void> {
    return this.documents.showJson(title, value);
  }
}
