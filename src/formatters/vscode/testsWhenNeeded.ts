// The Testing view's controller, created when the workspace first needs it; until then the extension adds nothing to
// the Testing view and does not load the controller (testing.ts, with the case runner: on first use, see
// esbuild.mjs).
import vscode = require('vscode');
import type { Accounts } from '../../auth/accounts';
import type { WorkspaceLinks } from './links';
import type { FormatterTests } from './testing';

/** Test-case files of formatters at their workspace paths (relative to the workspace folder). */
export const TEST_FILES = 'ttn/**/*.tests.json';

/**
 * Creates the controller once the workspace has a linked formatter or a test-case file in ttn/ (a clone: links are
 * kept per machine).
 */
export class FormatterTestsWhenNeeded implements vscode.Disposable {
  private tests: Promise<FormatterTests> | undefined;
  private disposed = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly links: WorkspaceLinks,
    private readonly accounts: Accounts,
  ) {
    this.subscription = links.onDidChange(() => this.start(false));
    this.start(false);
    void vscode.workspace.findFiles(TEST_FILES, undefined, 1).then(
      (found) => this.start(found.length > 0),
      () => undefined,
    );
  }

  /** The controller, once there is one. */
  async current(): Promise<FormatterTests | undefined> {
    return this.tests;
  }

  private start(hasTestFiles: boolean): void {
    if (!this.tests && !this.disposed && (hasTestFiles || this.links.paths().length > 0)) {
      this.tests = import('./testing').then(({ FormatterTests }) => {
        const tests = new FormatterTests(this.links, this.accounts);
        if (this.disposed) {
          tests.dispose();
        } else {
          void tests.discover();
        }
        return tests;
      });
    }
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    void this.tests?.then((tests) => tests.dispose());
  }
}
