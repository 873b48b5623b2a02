// The formatter commands bound to VS Code: which formatter a command acts on (the tree row, the editor's document, or
// the active editor), opening documents, the template, and the vscode-free logic in src/commands/formatter*.ts.
import vscode = require('vscode');
import type { CommandContext } from '../../commands/context';
import { trustedArgs } from '../../commands/explorerCommands';
import type { CommandEntry } from '../../commands/table';
import { changeFormatterType } from '../../commands/formatterType';
import { testDownlink, testUplink, type ScriptUnderTest, type TestReport } from '../../commands/formatterTests';
import { testWithUplink } from '../../commands/formatterUplinkTest';
import type { Accounts } from '../../auth/accounts';
import type { TtsEvent } from '../../tts/types';
import { isNode } from '../../explorer/nodeTypes';
import type { Direction } from '../../tts/formatters';
import { CommandError } from '../../ui/errorText';
import { isFormatterFile, type FormatterLocation } from '../location';
import { deployedText, deployFormatter, pullFormatter } from '../../commands/formatterSync';
import type { ReadOnlyDocuments } from '../../ui/vscode/readOnlyDocuments';
import type { FormatterDiagnostics } from './diagnostics';
import { FORMATTER_SCHEME, formatterUri, type FormatterFileSystem } from './fileSystem';
import { formatterLocation, type WorkspaceLinks } from './links';
import type { FormatterSyncStatus } from './syncStatus';

/** What the formatter commands act with. */
export interface FormatterServices {
  ctx: CommandContext;
  /** Where media/formatters/ (templates, type declarations) is. */
  extensionUri: vscode.Uri;
  fileSystem: FormatterFileSystem;
  documents: ReadOnlyDocuments;
  diagnostics: FormatterDiagnostics;
  links: WorkspaceLinks;
  status: FormatterSyncStatus;
}

/** The formatter a command was run on: a tree row, a document's URI (editor title, context menu) or the active editor. */
export function locationArg(
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

export function formatterCommands(services: FormatterServices): CommandEntry[] {
  const { ctx, fileSystem, extensionUri, links, documents, status, diagnostics } = services;
  const requireLocation = (args: readonly unknown[]): FormatterLocation => requireLocationIn(args, links, ctx.accounts);
  const template = async (direction: Direction): Promise<string> => {
    const name = `${direction === 'up' ? 'uplink' : 'downlink'}-template.js`;
    const uri = vscode.Uri.joinPath(extensionUri, 'media', 'formatters', name);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    ctx.log.info(`New ${direction === 'up' ? 'uplink' : 'downlink'} formatter from the template.`);
    return text;
  };
  const entries: CommandEntry[] = [
    {
      id: 'thingsStack.openFormatter',
      handler: async (...args) => {
        await openDocument(requireLocation(args));
      },
    },
    {
      id: 'thingsStack.changeFormatterType',
      handler: async (...args) => {
        const location = requireLocation(args);
        const stored = await changeFormatterType(ctx, location, template);
        if (!stored) {
          return;
        }
        const uri = formatterUri(location);
        if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
          await fileSystem.reload(uri);
        }
        if (stored.type === 'FORMATTER_JAVASCRIPT') {
          await openDocument(location);
        }
      },
      rights: ['RIGHT_APPLICATION_SETTINGS_BASIC'],
    },
    {
      id: 'thingsStack.testUplinkFormatter',
      handler: async (...args) => {
        const target = await scriptUnderTest(args, links, ctx.accounts);
        showFailure(diagnostics.server, target.uri, await testUplink(ctx, target));
      },
      rights: ['RIGHT_APPLICATION_TRAFFIC_READ'],
    },
    {
      id: 'thingsStack.testDownlinkFormatter',
      handler: async (...args) => {
        const target = await scriptUnderTest(args, links, ctx.accounts);
        showFailure(diagnostics.server, target.uri, await testDownlink(ctx, target));
      },
      rights: ['RIGHT_APPLICATION_TRAFFIC_READ'],
    },
    {
      // From the live events panel: { deploymentKey, event } of a captured uplink.
      id: 'thingsStack.testFormatterWithUplink',
      handler: async (...args) => {
        const arg = args[0] as { deploymentKey?: unknown; event?: TtsEvent } | undefined;
        if (typeof arg?.deploymentKey !== 'string' || !arg.event) {
          throw new CommandError(
            'Run this from an uplink row of the live events panel (Things Stack: Show Live Events).',
          );
        }
        return testWithUplink(ctx, arg.deploymentKey, arg.event, (location) => {
          const uri = formatterUri(location).toString();
          return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText();
        });
      },
      rights: ['RIGHT_APPLICATION_TRAFFIC_READ'],
    },
    {
      id: 'thingsStack.pullFormatter',
      handler: async (...args) => {
        const path = await pullFormatter(ctx, requireLocation(args), links, links);
        // Types for `// @ts-check`, hover and completion in every pulled file: the contract and a jsconfig, once.
        for (const name of ['formatter.d.ts', 'jsconfig.json']) {
          if ((await links.read(`ttn/${name}`)) === undefined) {
            const source = vscode.Uri.joinPath(extensionUri, 'media', 'formatters', name);
            await links.write(`ttn/${name}`, new TextDecoder().decode(await vscode.workspace.fs.readFile(source)));
          }
        }
        await vscode.window.showTextDocument(links.uriOf(path), { preview: false });
        await status.update(true);
      },
    },
    {
      id: 'thingsStack.deployFormatter',
      handler: async (...args) => {
        const { path, uri, text } = await linkedFile(args, links);
        const result = await deployFormatter(ctx, path, text, links, links);
        if (result.outcome === 'compare') {
          await documents.diff(uri, result.server, `${path} (deployed) ↔ workspace`);
        }
        await status.update(true);
      },
      rights: ['RIGHT_APPLICATION_SETTINGS_BASIC'],
    },
    {
      id: 'thingsStack.compareFormatter',
      handler: async (...args) => {
        const { path, uri } = await linkedFile(args, links);
        await documents.diff(uri, await deployedText(ctx, path, links), `${path} (deployed) ↔ workspace`);
        await status.update(true);
      },
    },
  ];
  // Only rows the explorer handed out count as a formatter to act on (see trustedArgs).
  return entries.map((e) => ({ ...e, handler: (...args: unknown[]) => e.handler(...trustedArgs(ctx, args)) }));
}
