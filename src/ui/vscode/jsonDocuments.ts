// Read-only JSON documents (Show as JSON): a content provider serves them, so the editor cannot save them back.
import vscode = require('vscode');

export const JSON_SCHEME = 'thingsstack-json';

export class JsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(title: string, value: unknown): Promise<void> {
    const name = title.replace(/[^\w.@-]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
    const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${name}.json` });
    this.contents.set(uri.toString(), `${JSON.stringify(value, null, 2)}\n`);
    this.emitter.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}
