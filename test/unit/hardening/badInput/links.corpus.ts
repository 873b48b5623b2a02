// The bad-input catalogue (issue 21), links and icons: text someone else controls that VS Code would turn into a
// live link (`[label](command:…)` runs a command when clicked) or an icon (`$(verified)`) in a notification. Each row
// is such a text and the plain text the user must see instead; links.suite.ts runs every row through a sign-in
// callback, a server error message and an API key's name. Expectations are written out in full on purpose.

export interface LinkCase {
  name: string;
  text: string;
  /** What the user reads; per path where the path's length cap cuts the text. */
  plain: string | { callback: string; server: string; keyName: string };
}

const LONG = 'A'.repeat(1000);

export const LINK_CASES: LinkCase[] = [
  {
    name: 'the command link of the issue',
    text: 'Session expired. [Click here to fix it](command:workbench.action.terminal.new)',
    plain: 'Session expired. [Click here to fix it] (command:workbench.action.terminal.new)',
  },
  {
    name: 'a command link with arguments',
    text: '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)',
    plain: '[Fix] (command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)',
  },
  {
    name: 'an https link with a title',
    text: '[Console](https://evil.example/login "The Things Stack")',
    plain: '[Console] (https://evil.example/login "The Things Stack")',
  },
  {
    name: 'a file link',
    text: '[credentials](file:///home/user/.aws/credentials)',
    plain: '[credentials] (file:///home/user/.aws/credentials)',
  },
  {
    name: 'an upper-case scheme',
    text: '[Fix](COMMAND:workbench.action.terminal.new)',
    plain: '[Fix] (COMMAND:workbench.action.terminal.new)',
  },
  {
    name: 'a link after a line break',
    text: 'Fix it:\n[here](command:workbench.action.terminal.new)',
    plain: 'Fix it: [here] (command:workbench.action.terminal.new)',
  },
  {
    name: 'a link split by a zero-width space',
    text: '[there]\u200b(command:workbench.action.terminal.new)',
    plain: '[there] (command:workbench.action.terminal.new)',
  },
  {
    name: 'a link inside a link',
    text: '[[a](command:x)](command:y)',
    plain: '[[a] (command:x)] (command:y)',
  },
  {
    name: 'an icon',
    text: '$(verified) Approved by The Things Network',
    plain: '$ (verified) Approved by The Things Network',
  },
  {
    name: 'a spinning icon',
    text: '$(sync~spin) Signing in again',
    plain: '$ (sync~spin) Signing in again',
  },
  {
    name: 'a right-to-left override',
    text: 'invoice\u202egpj.exe',
    plain: 'invoice gpj.exe',
  },
  {
    name: 'a very long text with a link at its end',
    text: `${LONG}[x](command:workbench.action.terminal.new)`,
    plain: {
      callback: `${'A'.repeat(199)}…`,
      server: `${'A'.repeat(399)}…`,
      keyName: `${'A'.repeat(99)}…`,
    },
  },
];
