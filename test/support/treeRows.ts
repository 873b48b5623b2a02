// Tree rows as text, one string per row with two spaces of indent per level: what a test reads back from a tree
// (the workbench's DOM in e2e and host tests, the fake tree host in unit tests).

/** The rows directly under the first row whose label starts with `label` (after the first row starting with `after`). */
export function under(list: string[], label: string, after?: string): string[] {
  const from =
    after === undefined
      ? 0
      : Math.max(
          0,
          list.findIndex((r) => r.trimStart().startsWith(after)),
        );
  const start = list.findIndex((r, i) => i >= from && r.trimStart().startsWith(label));
  if (start < 0) {
    return [];
  }
  const depth = list[start].length - list[start].trimStart().length + 2;
  const out: string[] = [];
  for (const row of list.slice(start + 1)) {
    const d = row.length - row.trimStart().length;
    if (d < depth) {
      break;
    }
    if (d === depth) {
      out.push(row.trim());
    }
  }
  return out;
}
