// Mocha root-hook plugin: after the whole unit run, every notification, modal and progress title the code under test
// showed (test/support/leakSinks.ts) is scanned for text VS Code would turn into something live: a Markdown link
// `[label](command:…|https://…|http://…|file:…)` (the pattern of vs/base/common/linkedText.ts, which notifications
// use) or an icon `$(name)`. Any one fails the run, naming the sink and the text. Quick picks are guarded in their
// adapter (ui/vscode/vscodeUi.ts) and are not scanned here.
import { recordedSinks, type SinkEntry, type SinkKind } from './leakSinks';

/** VS Code's own link pattern for notification text (linkedText.ts), case-insensitive. */
export const LIVE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** A codicon reference as VS Code renders it in labels (`$(name)`, `$(name~spin)`). */
export const LIVE_ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;

const SHOWN: ReadonlySet<SinkKind> = new Set(['notification', 'modal', 'progress']);

export interface LiveText {
  sink: SinkKind;
  text: string;
}

/** Entries shown to the user whose text would carry a live link or icon. Pure, so its own test can plant some. */
export function liveTexts(entries: readonly SinkEntry[]): LiveText[] {
  return entries
    .filter((e) => SHOWN.has(e.sink) && (LIVE_LINK.test(e.text) || LIVE_ICON.test(e.text)))
    .map((e) => ({ sink: e.sink, text: e.text.length > 160 ? `${e.text.slice(0, 157)}…` : e.text }));
}

/** The scan of the run so far: throws listing what it found, else returns the summary line. */
export function linkScan(): string {
  const entries = recordedSinks();
  const found = liveTexts(entries);
  if (found.length > 0) {
    throw new Error(
      `Link scan: ${found.length} notification text(s) with a live link or icon:\n` +
        found
          .slice(0, 20)
          .map((f) => `  - ${f.sink}: ${JSON.stringify(f.text)}`)
          .join('\n'),
    );
  }
  const scanned = entries.filter((e) => SHOWN.has(e.sink)).length;
  return `Link scan: ${scanned} notification, modal and progress texts scanned; no live link or icon.`;
}

export const mochaHooks = {
  afterAll(): void {
    console.log(`  ${linkScan()}`);
  },
};
