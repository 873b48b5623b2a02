// What a formatter save asks and shows in VS Code (FormatterConflictUi): the modal when the server's formatter changed
// since it was opened (Compare / Overwrite / Reload), the diff for Compare, and the warning when someone else wrote
// it while it was saved.
import type * as vscode from 'vscode';
import { showModal, showWarning } from '../../platform/notifications';
import type { ReadOnlyDocuments } from '../../ui/vscode/readOnlyDocuments';
import { documentText, type FormatterValue } from '../deployed';
import type { ConflictChoice } from '../saveFlow';
import type { FormatterConflictUi } from './fileSystem';

const CHOICES = { Compare: 'compare', Overwrite: 'overwrite', Reload: 'reload' } as const;
const EXPLAINED =
  'Compare shows the server’s version beside yours (nothing is saved); Overwrite saves yours over it; Reload replaces yours with the server’s.';

/** `ask` replaces the modal when set (extension-host tests). */
export function formatterConflictUi(
  documents: ReadOnlyDocuments,
  hooks: { conflict?: (message: string) => Promise<ConflictChoice | undefined> },
): FormatterConflictUi {
  const compare = (uri: vscode.Uri, server: FormatterValue): Promise<void> =>
    documents.diff(uri, documentText(server), `${uri.path.split('/').pop() ?? ''} (on the server) ↔ yours`);
  return {
    ask: async (_conflict, message) => {
      if (hooks.conflict) {
        return hooks.conflict(message);
      }
      const choice = await showModal(message, EXPLAINED, ...(Object.keys(CHOICES) as (keyof typeof CHOICES)[]));
      return choice ? CHOICES[choice] : undefined;
    },
    compare,
    concurrent: (uri, change) => {
      void showWarning(change.message, 'Compare').then((choice) => (choice ? compare(uri, change.server) : undefined));
    },
  };
}
