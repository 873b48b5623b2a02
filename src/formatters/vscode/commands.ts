// The formatter commands bound to VS Code (loaded on first use): which formatter a command acts on (the tree row,
// the editor's document, or the active editor), opening documents, the template, and the vscode-free logic in
// src/commands/formatter*.ts.
import vscode = require('vscode');
import type { CommandEntry } from '../../commands/explorerCommands';
import { changeFormatterType } from '../../commands/formatterType';
import { testDownlink, testUplink, type ScriptUnderTest } from '../../commands/formatterTests';
import { isNode } from '../../explorer/nodeTypes';
import type { Direction } from '../../tts/formatters';
import { CommandError } from '../../ui/errorText';
import type { FormatterLocation } from '../location';
import { formatterUri, locationOf } from './fileSystem';
import type { FormatterServices } from './index';

/** The formatter a command was run on: a tree row, a document's URI (editor title, context menu) or the active editor. */
export function locationArg(args: readonly unknown[]): FormatterLocation | undefined {
  const [arg] = args;
  if (isNode(arg) && arg.kind === 'formatter') {
    return {
      deploymentKey: arg.deploymentKey,
      applicationId: arg.applicationId,
      deviceId: arg.deviceId,
      direction: arg.direction,
    };
  }
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return uri ? locationOf(uri) : undefined;
}

function requireLocation(args: readonly unknown[]): FormatterLocation {
  const location = locationArg(args);
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

/** The script in the editor (saved or not): the open document of that formatter, opened if needed. */
async function scriptUnderTest(args: readonly unknown[]): Promise<ScriptUnderTest> {
  const location = requireLocation(args);
  const uri = formatterUri(location);
  const document =
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
    (await vscode.workspace.openTextDocument(uri));
  return { location, script: document.getText() };
}

export function formatterCommands(services: FormatterServices): CommandEntry[] {
  const { ctx, fileSystem, context } = services;
  const template = async (direction: Direction): Promise<string> => {
    const uri = vscode.Uri.joinPath(context.extensionUri, 'media', 'formatters', 'template.js');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    ctx.log.info(`New ${direction === 'up' ? 'uplink' : 'downlink'} formatter from the template.`);
    return text;
  };
  return [
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
      handler: async (...args) => testUplink(ctx, await scriptUnderTest(args)),
      rights: ['RIGHT_APPLICATION_TRAFFIC_READ'],
    },
    {
      id: 'thingsStack.testDownlinkFormatter',
      handler: async (...args) => testDownlink(ctx, await scriptUnderTest(args)),
      rights: ['RIGHT_APPLICATION_TRAFFIC_READ'],
    },
  ];
}
