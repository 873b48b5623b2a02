// Read-only snapshots of a formatter as deployed, for the left side of a diff editor (the conflict's "Compare" and
// "Compare with Deployed"). A content provider serves them, so they cannot be edited or saved.
import vscode = require('vscode');

export const SNAPSHOT_SCHEME = 'thingsstack-formatter-deployed';

export class FormatterSnapshots implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A snapshot named like `path` (so the editor picks the same language), holding `text`. */
  put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path });
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
    return uri;
  }

  /** Opens a diff: the deployed text on the left, `right` (the document or the workspace file) on the right. */
  async diff(right: vscode.Uri, deployed: string, title: string): Promise<void> {
    const left = this.put(right.path, deployed);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.texts.clear();
  }
}
