// Problems of a formatter script as diagnostics, before anything is uploaded (size, syntax, the direction's entry
// function): checked when a formatter document or workspace formatter file opens, and 250 ms after typing stops.
// The syntax checks and the parser they bring load with the first check (lazy.js and dist/vendor/, esbuild.mjs).
import vscode = require('vscode');
import type { Accounts } from '../../auth/accounts';
import type { CommandLog } from '../../commands/context';
import type { Direction } from '../../tts/formatters';
import { errorMessage } from '../../util/errorMessage';
import type { ScriptProblem } from '../checks';
import { formatterDirection, type WorkspaceLinks } from './links';

export function toDiagnostic(problem: ScriptProblem): vscode.Diagnostic {
  const start = new vscode.Position(Math.max(0, problem.line - 1), Math.max(0, problem.column - 1));
  const end =
    problem.endLine !== undefined && problem.endColumn !== undefined
      ? new vscode.Position(Math.max(0, problem.endLine - 1), Math.max(0, problem.endColumn - 1))
      : start.translate(0, 1);
  const out = new vscode.Diagnostic(
    new vscode.Range(start, end.isBefore(start) ? start : end),
    problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  out.source = 'Things Stack formatter';
  return out;
}

const TYPING_PAUSE_MS = 250;

export class FormatterDiagnostics implements vscode.Disposable {
  /** What the checks found. */
  readonly checks = vscode.languages.createDiagnosticCollection('thingsstack-formatters');
  /** Where the server's engine failed in the last test run, until the document changes. */
  readonly server = vscode.languages.createDiagnosticCollection('thingsstack-formatters-server');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly links: WorkspaceLinks,
    private readonly accounts: Accounts,
    private readonly log: CommandLog,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) {
          this.server.delete(e.document.uri);
        }
        this.schedule(e.document, TYPING_PAUSE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.checks.delete(d.uri);
        this.server.delete(d.uri);
      }),
    ];
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }

  /** Checks a formatter's document after `delay` ms, unless it changes again before. */
  private schedule(document: vscode.TextDocument, delay: number): void {
    const direction = formatterDirection(document.uri, this.links, this.accounts);
    if (!direction) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (!document.isClosed) {
          void this.check(document, direction);
        }
      }, delay),
    );
  }

  private async check(document: vscode.TextDocument, direction: Direction): Promise<void> {
    try {
      const { checkScript } = await import('../syntax');
      this.checks.set(document.uri, checkScript(document.getText(), direction).map(toDiagnostic));
    } catch (error) {
      this.log.error(`The formatter checks failed: ${errorMessage(error)}`);
    }
  }

  dispose(): void {
    this.pending.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
    this.checks.dispose();
    this.server.dispose();
  }
}
