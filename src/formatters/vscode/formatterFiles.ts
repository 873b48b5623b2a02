// The `thingsStack.formatterFiles` context key: the workspace files the formatter commands act on (linked ones, and
// open files at a formatter path, as location.ts's isFormatterFile decides), so the menus of editors offer those
// commands on exactly these files. Updated when links change and when documents open or close.
import vscode = require('vscode');
import { setContext } from '../../platform/contextKeys';
import { isFormatterFile } from '../location';
import type { WorkspaceLinks } from './links';

export class FormatterFilesKey implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly links: WorkspaceLinks) {
    this.subscriptions = [
      links.onDidChange(() => this.publish()),
      vscode.workspace.onDidOpenTextDocument(() => this.publish()),
      vscode.workspace.onDidCloseTextDocument(() => this.publish()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.publish()),
    ];
    this.publish();
  }

  /** The workspace-relative paths: every linked file, and each open document at a formatter path. */
  paths(): string[] {
    const paths = new Set(this.links.paths());
    for (const document of vscode.workspace.textDocuments) {
      const path = this.links.pathOf(document.uri);
      if (path !== undefined && isFormatterFile(path, this.links.get(path) !== undefined)) {
        paths.add(path);
      }
    }
    return [...paths];
  }

  private publish(): void {
    // `resourcePath` in a when clause is the URI's path; the file system path is kept too (it differs on Windows).
    const values = this.paths().flatMap((p) => {
      try {
        const uri = this.links.uriOf(p);
        return [uri.fsPath, uri.path];
      } catch {
        return []; // no folder open
      }
    });
    void setContext('thingsStack.formatterFiles', [...new Set(values)]);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
