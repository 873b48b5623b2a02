// The extension's one read-only content provider: what it shows and the user must not edit or save — the JSON of
// "Show as JSON" and a formatter as deployed on the left of a diff ("Compare", "Compare with Deployed").
import vscode = require('vscode');

export const READ_ONLY_SCHEME = 'thingsstack-view';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A document at `path` (its name gives the editor its language) holding `text`. */
  put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path });
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
    return uri;
  }

  /** Opens `value` as JSON in a preview editor titled after `title`. */
  async showJson(title: string, value: unknown): Promise<void> {
    const name = title.replace(/[^\w.@-]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
    const uri = this.put(`/json/${name}.json`, `${JSON.stringify(value, null, 2)}\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  /** Opens a diff: `deployed` (a formatter on the server) on the left, `right` (the document or the file) on the right. */
  async diff(right: vscode.Uri, deployed: string, title: string): Promise<void> {
    const left = this.put(`/deployed${right.path}`, deployed);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.texts.clear();
  }
}
