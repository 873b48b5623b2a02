// The one place that turns untrusted text into plain notification text. VS Code renders `[label](command:…)`,
// `(https://…)` and `(file:…)` links in the text of showInformation/Warning/ErrorMessage as clickable links
// (vs/base/common/linkedText.ts: the link needs `](` followed by one of those schemes), and `$(name)` as an icon in
// many places (status bar, quick picks, progress). Text that comes from a sign-in callback, the server or another
// collaborator (API key, client and application names, error descriptions) goes through `plainText` before it is
// put into a message; every notification sink passes the whole message through `withoutLinks` as a last guard.

/** Characters that move, hide or reorder what is shown: C0/C1 controls, bidi controls, zero-width characters. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * No Markdown link and no icon: `](` becomes `] (` and `$(` becomes `$ (`, which VS Code shows as they are. Line
 * breaks stay (a modal's detail has them). Idempotent.
 */
export function withoutLinks(text: string): string {
  return text.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}

/**
 * Untrusted text as one line of plain text, at most `maxLength` characters (code points; cut with "…"): invisible
 * and control characters become spaces, runs of white space one space, and links and icons are broken up
 * (withoutLinks). Idempotent, so text that passes through twice reads the same.
 */
export function plainText(text: string, maxLength = 200): string {
  const line = withoutLinks(text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim());
  const chars = Array.from(line);
  return chars.length <= maxLength
    ? line
    : `${chars
        .slice(0, Math.max(1, maxLength - 1))
        .join('')
        .trimEnd()}…`;
}
