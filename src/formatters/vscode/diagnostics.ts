// Problems of a formatter script as diagnostics, before anything is uploaded (size, syntax, the direction's entry
// function). Loaded on the first formatter document: the checks bring the parser.
import vscode = require('vscode');
import { checkScript, type ScriptProblem } from '../checks';
import type { Direction } from '../../tts/formatters';

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

export function checkDocument(
  collection: vscode.DiagnosticCollection,
  document: vscode.TextDocument,
  direction: Direction,
): void {
  collection.set(document.uri, checkScript(document.getText(), direction).map(toDiagnostic));
}
