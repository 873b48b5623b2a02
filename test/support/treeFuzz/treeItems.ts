// What the tree fuzz knows of the explorer's rows: a node as the item VS Code gets, the kinds Refresh acts on, the
// clients it must not delete, and a new ID for what it creates.
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { rowOf } from '../../../src/explorer/rows';
import type { TtsTestServer } from '../ttsServer';
import { Collapse, type ItemLike } from '../vscodeTree';

const COLLAPSE = { none: Collapse.None, collapsed: Collapse.Collapsed, expanded: Collapse.Expanded } as const;
export const REFRESHABLE = new Set<ExplorerNode['kind']>([
  'deployment',
  'section',
  'owner',
  'deleted',
  'client',
  'application',
  'collaborators',
  'apiKeys',
  'devices',
  'formatters',
]);

/** The clients the session's tokens belong to: deleting one signs the test out of everything. */
export const KEEP_CLIENTS = new Set(['vscode-ext', 'vscode-demo', 'cli']);

export function itemOf(node: ExplorerNode): ItemLike {
  const row = rowOf(node);
  return { id: node.id, label: row.label, description: row.description, collapsibleState: COLLAPSE[row.collapsible] };
}

/** `<prefix>-1`, `<prefix>-2`, …: the first no application or client has. */
export function freeId(server: TtsTestServer, prefix: string): string {
  for (let i = 1; ; i++) {
    const id = `${prefix}-${i}`;
    const { applications, clients, organizations } = server.state;
    if (!applications.has(id) && !clients.has(id) && !organizations.has(id)) {
      return id;
    }
  }
}
