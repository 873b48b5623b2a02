// The formatter commands: each id with the rights it needs; what each does is in operations.ts, loaded with the first
// formatter command run (not at activation: see esbuild.mjs).
import vscode = require('vscode');
import type { CommandContext } from '../../commands/context';
import { trustedArgs } from '../../commands/explorerCommands';
import type { CommandEntry } from '../../commands/table';
import type { Right } from '../../tts/rights';
import type { ReadOnlyDocuments } from '../../ui/vscode/readOnlyDocuments';
import { onFirstUse } from '../../util/onFirstUse';
import type { FormatterDiagnostics } from './diagnostics';
import type { FormatterFileSystem } from './fileSystem';
import type { WorkspaceLinks } from './links';
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

type Operations = typeof import('./operations');
const operations = onFirstUse(() => import('./operations'));

const SPECS: readonly { id: string; run: keyof Operations; rights?: readonly Right[] }[] = [
  { id: 'thingsStack.openFormatter', run: 'openFormatter' },
  { id: 'thingsStack.changeFormatterType', run: 'changeFormatterType', rights: ['RIGHT_APPLICATION_SETTINGS_BASIC'] },
  { id: 'thingsStack.testUplinkFormatter', run: 'testUplinkFormatter', rights: ['RIGHT_APPLICATION_TRAFFIC_READ'] },
  { id: 'thingsStack.testDownlinkFormatter', run: 'testDownlinkFormatter', rights: ['RIGHT_APPLICATION_TRAFFIC_READ'] },
  {
    id: 'thingsStack.testFormatterWithUplink',
    run: 'testFormatterWithUplink',
    rights: ['RIGHT_APPLICATION_TRAFFIC_READ'],
  },
  { id: 'thingsStack.pullFormatter', run: 'pullFormatter' },
  { id: 'thingsStack.deployFormatter', run: 'deployFormatter', rights: ['RIGHT_APPLICATION_SETTINGS_BASIC'] },
  { id: 'thingsStack.compareFormatter', run: 'compareFormatter' },
];

export function formatterCommands(services: FormatterServices): CommandEntry[] {
  // Only rows the explorer handed out count as a formatter to act on (see trustedArgs).
  return SPECS.map((spec) => ({
    id: spec.id,
    rights: spec.rights,
    handler: async (...args: unknown[]) => (await operations())[spec.run](services, ...trustedArgs(services.ctx, args)),
  }));
}
