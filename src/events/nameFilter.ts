// The live events panel's filter by event name: text the name contains, or `/regex/` (an invalid one matches nothing).

export function nameMatcher(pattern: string | undefined): (name: string) => boolean {
  const text = pattern?.trim();
  if (!text) {
    return () => true;
  }
  const regex = /^\/(.+)\/$/.exec(text);
  if (regex) {
    try {
      const re = new RegExp(regex[1]);
      return (name) => re.test(name);
    } catch {
      return () => false;
    }
  }
  return (name) => name.includes(text);
}
