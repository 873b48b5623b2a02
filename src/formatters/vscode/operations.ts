// What the formatter commands do, one export per command (commands.ts registers the ids at activation and loads this
// module with the first formatter command run): which formatter a command acts on (the tree row, the editor's
// document, or the active editor), opening documents, the template, and the vscode-free logic in
// src/commands/formatter*.ts.
import vscode = require('vscode');
import { changeFormatterType as changeType } from '../../commands/formatterType';
import { testDownlink, testUplink, type ScriptUnderTest, type TestReport } from '../../commands/formatterTests';
import { testWithUplink } from '../../commands/formatterUplinkTest';
import type { Accounts } from '../../auth/accounts';
import type { TtsEvent } from '../../tts/types';
import { isNode } from '../../explorer/nodeTypes';
import type { Direction } from '../../tts/formatters';
import { CommandError } from '../../ui/errorText';
import { isFormatterFile, type FormatterLocation } from '../location';
import { deployedText, deployFormatter as deploy, pullFormatter as pull } from '../../commands/formatterSync';
import type { FormatterServices } from './commands';
import { FORMATTER_SCHEME, formatterUri } from './fileSystem';
import { formatterLocation, type WorkspaceLinks } from './links';

/** The formatter a command was run on: a tree row, a document's URI (editor title, context menu) or the active editor. */
function locationArg(
  args: readonly unknown[],
  links: WorkspaceLinks,
  accounts: Accounts,
): FormatterLocation | undefined {
  const [arg] = args;
  if (isNode(arg) && arg.kind === 'formatter') {
    return {
      deploymentKey: arg.deploymentKey,
      applicationId: arg.applicationId,
      deviceId: arg.deviceId,
      direction: arg.direction,
    };
  }
  const uri = uriArg(args);
  return uri ? formatterLocation(uri, links, accounts) : undefined;
}

/** A URI passed by a menu, else (not run on a tree row) the active editor's. */
function uriArg(args: readonly unknown[]): vscode.Uri | undefined {
  if (args[0] instanceof vscode.Uri) {
    return args[0];
  }
  return isNode(args[0]) ? undefined : vscode.window.activeTextEditor?.document.uri;
}

function requireLocationIn(args: readonly unknown[], links: WorkspaceLinks, accounts: Accounts): FormatterLocation {
  const location = locationArg(args, links, accounts);
  if (!location) {
    throw new CommandError(
      "Open a payload formatter first: expand an application's or end device's Payload Formatters in the explorer.",
    );
  }
  return location;
}

async function openDocument(location: FormatterLocation): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(formatterUri(location), { preview: false });
}

/** The script in the editor (saved or not): the linked file or the formatter's document, opened if needed. */
async function scriptUnderTest(
  args: readonly unknown[],
  links: WorkspaceLinks,
  accounts: Accounts,
): Promise<ScriptUnderTest & { uri: vscode.Uri }> {
  const location = requireLocationIn(args, links, accounts);
  const given = uriArg(args);
  // A workspace file is tested as it is in its editor; otherwise the deployed formatter's document.
  const path = given && given.scheme !== FORMATTER_SCHEME ? links.pathOf(given) : undefined;
  if (path !== undefined) {
    await links.check(path); // the text goes to the server: never a linked file's
  }
  const uri = given && path !== undefined ? given : formatterUri(location);
  const document =
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
    (await vscode.workspace.openTextDocument(uri));
  return { location, script: document.getText(), uri };
}

/** Puts the place where the server's engine failed on the document, as a diagnostic (gone on the next edit). */
function showFailure(collection: vscode.DiagnosticCollection, uri: vscode.Uri, report: TestReport): void {
  if (!report.errorAt) {
    collection.delete(uri);
    return;
  }
  const at = new vscode.Position(report.errorAt.line - 1, Math.max(0, report.errorAt.column - 1));
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(at, at.translate(0, 1)),
    report.errors[0] ?? 'The formatter failed on the server.',
    vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = 'The Things Stack (test run)';
  collection.set(uri, [diagnostic]);
}

/** The formatter file of the workspace a command was run on (linked, or at a formatter path), saved first. */
async function linkedFile(
  args: readonly unknown[],
  links: WorkspaceLinks,
): Promise<{ path: string; uri: vscode.Uri; text: string }> {
  const uri = uriArg(args);
  const path = uri && links.pathOf(uri);
  if (!uri || path === undefined || !isFormatterFile(path, links.get(path) !== undefined)) {
    throw new CommandError(
      'Open a formatter file of this workspace first: one pulled with "Pull to Workspace", or at ttn/<application>/[devices/<device>/]uplink.js (or downlink.js).',
    );
  }
  await links.check(path); // before the file is opened: a link could lead anywhere
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) {
    await document.save();
  }
  return { path, uri, text: document.getText() };
}

function requireLocation(services: FormatterServices, args: readonly unknown[]): FormatterLocation {
  return requireLocationIn(args, services.links, services.ctx.accounts);
}

async function template(services: FormatterServices, direction: Direction): Promise<string> {
  const name = `${direction === 'up' ? 'uplink' : 'downlink'}-template.js`;
  const uri = vscode.Uri.joinPath(services.extensionUri, 'media', 'formatters', name);
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  services.ctx.log.info(`New ${direction === 'up' ? 'uplink' : 'downlink'} formatter from the template.`);
  return text;
}

export async function openFormatter(services: FormatterServices, ...args: unknown[]): Promise<void> {
  await openDocument(requireLocation(services, args));
}

export async function changeFormatterType(services: FormatterServices, ...args: unknown[]): Promise<void> {
  const location = requireLocation(services, args);
  const stored = await changeType(services.ctx, location, (direction) => template(services, direction));
  if (!stored) {
    return;
  }
  const uri = formatterUri(location);
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
    await services.fileSystem.reload(uri);
  }
  if (stored.type === 'FORMATTER_JAVASCRIPT') {
    await openDocument(location);
  }
}

export async function testUplinkFormatter(services: FormatterServices, ...args: unknown[]): Promise<void> {
  const target = await scriptUnderTest(args, services.links, services.ctx.accounts);
  showFailure(services.diagnostics.server, target.uri, await testUplink(services.ctx, target));
}

export async function testDownlinkFormatter(services: FormatterServices, ...args: unknown[]): Promise<void> {
  const target = await scriptUnderTest(args, services.links, services.ctx.accounts);
  showFailure(services.diagnostics.server, target.uri, await testDownlink(services.ctx, target));
}

/** From the live events panel: { deploymentKey, event } of a captured uplink. */
export async function testFormatterWithUplink(services: FormatterServices, ...args: unknown[]): Promise<unknown> {
  const arg = args[0] as { deploymentKey?: unknown; event?: TtsEvent } | undefined;
  if (typeof arg?.deploymentKey !== 'string' || !arg.event) {
    throw new CommandError('Run this from an uplink row of the live events panel (Things Stack: Show Live Events).');
  }
  return testWithUplink(services.ctx, arg.deploymentKey, arg.event, (location) => {
    const uri = formatterUri(location).toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText();
  });
}

export async function pullFormatter(services: FormatterServices, ...args: unknown[]): Promise<void> {
  const { links, extensionUri } = services;
  const path = await pull(services.ctx, requireLocation(services, args), links, links);
  // Types for `// @ts-check`, hover and completion in every pulled file: the contract and a jsconfig, once.
  for (const name of ['formatter.d.ts', 'jsconfig.json']) {
    if ((await links.read(`ttn/${name}`)) === undefined) {
      const source = vscode.Uri.joinPath(extensionUri, 'media', 'formatters', name);
      await links.write(`ttn/${name}`, new TextDecoder().decode(await vscode.workspace.fs.readFile(source)));
    }
  }
  await vscode.window.showTextDocument(links.uriOf(path), { preview: false });
  await services.status.update(true);
}

export async function deployFormatter(services: FormatterServices, ...args: unknown[]): Promise<void> {
  const { path, uri, text } = await linkedFile(args, services.links);
  const result = await deploy(services.ctx, path, text, services.links, services.links);
  if (result.outcome === 'compare') {
    await services.documents.diff(uri, result.server, `${path} (deployed) ↔ workspace`);
  }
  await services.status.update(true);
}

export async function compareFormatter(services: FormatterServices, ...args: unknown[]): Promise<void> {
  const { path, uri } = await linkedFile(args, services.links);
  await services.documents.diff(
    uri,
    await deployedText(services.ctx, path, services.links),
    `${path} (deployed) ↔ workspace`,
  );
  await services.status.update(true);
}
