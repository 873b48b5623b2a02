// What the extension knows of where it runs: the User-Agent its requests carry, and whether the extension-host tests
// run it (they then get its test API and the log on their console).
import vscode = require('vscode');

export function userAgent(context: vscode.ExtensionContext): string {
  return `things-stack-manager/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`;
}

export function inTests(context: vscode.ExtensionContext): boolean {
  return context.extensionMode === vscode.ExtensionMode.Test;
}

/** The test API activate() returns while the extension-host tests run; nothing otherwise. */
export function testApi<T>(context: vscode.ExtensionContext, seams: () => T): { testing?: T } {
  return inTests(context) ? { testing: seams() } : {};
}
