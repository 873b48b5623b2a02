// Payload formatters in VS Code, for the composition root: the file system behind formatter documents, the diff
// snapshots, diagnostics while typing and the formatter commands. What needs the parser (checks, save) and the
// commands load on first use.
import vscode = require('vscode');
import type { Accounts } from '../../auth/accounts';
import type { CommandContext, CommandLog } from '../../commands/context';
import { FORMATTER_COMMAND_IDS } from '../../commands/ids';
import { registerLazyCommands } from '../../commands/vscode/register';
import type { ExplorerModel } from '../../explorer/model';
import { showModal, showWarning } from '../../platform/notifications';
import type { Ui } from '../../ui/ui';
import type { VscodeUi } from '../../ui/vscode/vscodeUi';
import { documentText } from '../deployed';
import { parseWorkspacePath, type FormatterLocation } from '../location';
import type { ConflictChoice } from '../saveFlow';
import { FORMATTER_SCHEME, FormatterFileSystem, locationOf } from './fileSystem';
import { WorkspaceLinks } from './links';
import { FormatterSnapshots } from './snapshots';
import { FormatterSyncStatus } from './syncStatus';
import type { FormatterTests } from './testing';

export interface FormattersDeps {
  accounts: Accounts;
  log: CommandLog & { show?(): void };
  ui: VscodeUi;
  model: ExplorerModel;
}

/** What the extension-host tests reach: the file system, the diagnostics and a seam to script the prompts. */
export interface FormattersInspector {
  fileSystem: FormatterFileSystem;
  diagnostics: vscode.DiagnosticCollection;
  links: WorkspaceLinks;
  status: FormatterSyncStatus;
  /** The Testing view's controller, created once the workspace has a linked formatter file. */
  tests(): Promise<FormatterTests | undefined>;
  /** The prompts of the formatter commands when no hook replaces them. */
  defaultUi: Ui;
  /** Replaces the prompts of the formatter commands (tests only). */
  hooks: { ui?: Ui; conflict?: (message: string) => Promise<ConflictChoice | undefined> };
}

export interface FormatterServices {
  context: vscode.ExtensionContext;
  ctx: CommandContext;
  fileSystem: FormatterFileSystem;
  snapshots: FormatterSnapshots;
  diagnostics: vscode.DiagnosticCollection;
  /** Where the server's engine failed in the last test run, until the document changes. */
  serverDiagnostics: vscode.DiagnosticCollection;
  links: WorkspaceLinks;
  status: FormatterSyncStatus;
}

const CONFLICT_CHOICES = { Compare: 'compare', Overwrite: 'overwrite', Reload: 'reload' } as const;

/** Where a document's formatter is deployed: a formatter document, or a workspace formatter file (WorkspaceLinks). */
export function formatterLocation(
  uri: vscode.Uri,
  links: WorkspaceLinks,
  accounts: Accounts,
): FormatterLocation | undefined {
  const path = links.pathOf(uri);
  return locationOf(uri) ?? (path === undefined ? undefined : links.placeOf(path, accounts));
}

export function registerFormatters(context: vscode.ExtensionContext, deps: FormattersDeps): FormattersInspector {
  const hooks: FormattersInspector['hooks'] = {};
  const snapshots = new FormatterSnapshots();
  const fileSystem = new FormatterFileSystem(deps.accounts, {
    ask: async (_conflict, message) => {
      if (hooks.conflict) {
        return hooks.conflict(message);
      }
      const choice = await showModal(
        message,
        'Compare shows the server’s version beside yours (nothing is saved); Overwrite saves yours over it; Reload replaces yours with the server’s.',
        ...(Object.keys(CONFLICT_CHOICES) as (keyof typeof CONFLICT_CHOICES)[]),
      );
      return choice ? CONFLICT_CHOICES[choice] : undefined;
    },
    compare: (uri, server) =>
      snapshots.diff(uri, documentText(server), `${uri.path.split('/').pop() ?? ''} (on the server) ↔ yours`),
    concurrent: (uri, change) => {
      void showWarning(change.message, 'Compare').then((choice) =>
        choice
          ? snapshots.diff(
              uri,
              documentText(change.server),
              `${uri.path.split('/').pop() ?? ''} (on the server) ↔ yours`,
            )
          : undefined,
      );
    },
  });
  const diagnostics = vscode.languages.createDiagnosticCollection('thingsstack-formatters');
  const serverDiagnostics = vscode.languages.createDiagnosticCollection('thingsstack-formatters-server');
  const links = new WorkspaceLinks(context.workspaceState);
  const status = new FormatterSyncStatus(links, deps.accounts);
  // The Testing view's cases live beside formatter files: its code loads once the workspace has a linked formatter or
  // a test-case file in ttn/ (a clone: links are kept per machine).
  let hasTestFiles = false;
  let tests: Promise<FormatterTests> | undefined;
  const startTests = (): Promise<FormatterTests> | undefined => {
    if (!tests && (links.paths().length > 0 || hasTestFiles)) {
      tests = import('./testing').then(
        (m) => {
          const controller = new m.FormatterTests(links, deps.accounts);
          context.subscriptions.push(controller);
          void controller.discover();
          return controller;
        },
        (error: unknown) => {
          tests = undefined; // the next link tries again
          deps.log.error(`The formatter tests failed to load: ${String(error)}`);
          throw error;
        },
      );
    }
    return tests;
  };
  const ctx: CommandContext = {
    get ui(): Ui {
      return hooks.ui ?? deps.ui;
    },
    accounts: deps.accounts,
    model: deps.model,
    log: deps.log,
  };
  const services: FormatterServices = {
    context,
    ctx,
    fileSystem,
    snapshots,
    diagnostics,
    serverDiagnostics,
    links,
    status,
  };

  // Diagnostics: checked on open and as the user types (the checker loads with the first formatter document).
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const check = (document: vscode.TextDocument, delay: number): void => {
    // The direction is all the checks need: a file at a formatter path has it even before any sign-in.
    const path = links.pathOf(document.uri);
    const direction =
      formatterLocation(document.uri, links, deps.accounts)?.direction ??
      (path === undefined ? undefined : parseWorkspacePath(path)?.direction);
    if (!direction) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        if (!document.isClosed) {
          void import('./diagnostics').then(
            (d) => d.checkDocument(diagnostics, document, direction),
            (error: unknown) => deps.log.error(`Formatter checks failed to load: ${String(error)}`),
          );
        }
      }, delay),
    );
  };

  context.subscriptions.push(
    fileSystem,
    snapshots,
    diagnostics,
    links,
    status,
    links.onDidChange(() => void startTests()?.catch(() => undefined)),
    vscode.workspace.registerFileSystemProvider(FORMATTER_SCHEME, fileSystem, { isCaseSensitive: true }),
    fileSystem.onDidSave((l) => deps.model.formattersChanged(l.deploymentKey, l.applicationId, l.deviceId)),
    vscode.workspace.onDidOpenTextDocument((d) => check(d, 0)),
    serverDiagnostics,
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) {
        serverDiagnostics.delete(e.document.uri);
      }
      check(e.document, 250);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (diagnostics.has(d.uri) || serverDiagnostics.has(d.uri)) {
        diagnostics.delete(d.uri);
        serverDiagnostics.delete(d.uri);
      }
    }),
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
    registerLazyCommands(
      FORMATTER_COMMAND_IDS,
      async () => (await import('./commands')).formatterCommands(services),
      deps.log,
      deps.ui,
    ),
  );
  vscode.workspace.textDocuments.forEach((d) => check(d, 0));
  void startTests()?.catch(() => undefined);
  void vscode.workspace.findFiles('ttn/**/*.tests.json', undefined, 1).then(
    (found) => {
      hasTestFiles = found.length > 0;
      void startTests()?.catch(() => undefined);
    },
    () => undefined,
  );
  return {
    fileSystem,
    diagnostics,
    links,
    status,
    tests: async () => startTests(),
    defaultUi: deps.ui,
    hooks,
  };
}
