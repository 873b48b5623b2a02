// Shared by the formatters.*.test.ts files, the payload formatters suite in the real workbench against the test
// server (seeded: device-0001 of alice-sensors has its own JavaScript uplink formatter). The files run in the order
// of index.ts against one server and one workbench, and build on each other: the editor file opens, edits and saves
// the formatter; the workspace file pulls it (as saved) and runs test cases; then changes on the server and a live
// uplink.
import * as vscode from 'vscode';
import type { ExplorerNode, FormatterNode } from '../../src/explorer/nodeTypes';
import { answeringUi } from './answers';
import { extensionApi, testServer, waitFor } from './api';

export const APP = 'alice-sensors';
export const DEVICE = 'device-0001';
let restoreUi: () => void = () => undefined;

/** Registers the hooks of the enclosing suite: the real Ui back after each test, the editors closed after the
 * suite. */
export function formattersHooks(): void {
  afterEach(() => restoreUi());
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}

/** The prompts of the formatter commands answered in order (each answer must pass the prompt's validation). */
export async function answer(...answers: string[]): Promise<{ refused: string[] }> {
  const api = await extensionApi();
  const { ui, refused } = answeringUi(api.formatters.defaultUi, answers);
  api.formatters.hooks.ui = ui;
  restoreUi = () => {
    api.formatters.hooks.ui = undefined;
  };
  return { refused };
}

/** The uplink formatter row of device-0001 of alice-sensors, or of an application (its own formatter) when one is
 * named: found the way the tree hands rows out, so the commands accept it as the explorer's own. */
export async function formatterNode(application?: string): Promise<FormatterNode> {
  const api = await extensionApi();
  const model = api.explorer;
  let node: ExplorerNode | undefined;
  const path: ((n: ExplorerNode) => boolean)[] = [
    (n) => n.kind === 'deployment',
    (n) => n.kind === 'section' && n.section === 'applications',
    (n) => n.kind === 'owner' && n.isSelf,
    (n) => n.kind === 'application' && n.applicationId === (application ?? APP),
    ...(application
      ? []
      : [
          (n: ExplorerNode) => n.kind === 'devices',
          (n: ExplorerNode) => n.kind === 'device' && n.device.ids?.device_id === DEVICE,
        ]),
    (n) => n.kind === 'formatters',
    (n) => n.kind === 'formatter' && n.direction === 'up',
  ];
  for (const match of path) {
    const children: ExplorerNode[] = await waitFor('the tree', async () => {
      const c = await model.children(node);
      return c.some(match) ? c : undefined;
    });
    node = children.find(match);
  }
  return node as FormatterNode;
}

export const serverScript = async (): Promise<string | undefined> => {
  const account = (await extensionApi()).accounts.account(testServer().key);
  return (await account!.api.formatters.getDevice(APP, DEVICE)).formatters?.up?.parameter;
};
