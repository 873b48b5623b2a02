// The link scan (test/support/linkScan.ts) catches what VS Code would render live, and fails the run on it.
import { strict as assert } from 'node:assert';
import { forgetSinks, recordSink } from '../../support/leakSinks';
import { linkScan, liveTexts } from '../../support/linkScan';

describe('link scan: notifications with a live link or icon fail the run', () => {
  it("finds VS Code's link forms and icons in notifications, modals and progress, not in other sinks", () => {
    const live = [
      ['notification', 'Sign-in failed: [Click here](command:workbench.action.terminal.new)'],
      ['modal', 'Delete [it](HTTPS://evil.example "title")?'],
      ['progress', 'Creating API key "[x](file:///etc/passwd)"…'],
      ['notification', 'Approved $(verified)'],
      ['notification', 'Working $(sync~spin)'],
    ] as const;
    const inert = [
      ['notification', 'Sign-in failed: [Click here] (command:workbench.action.terminal.new)'],
      ['notification', '[x](ftp://host) and [y](relative) are not links for VS Code'],
      ['notification', '$ (verified) and $() are not icons'],
      ['log', '[x](command:y) in the log is not shown as a link'],
      ['prompt', '$(key) pick labels are guarded in their adapter'],
    ] as const;
    const entries = [...live, ...inert].map(([sink, text]) => ({ sink, text }));
    assert.deepEqual(
      liveTexts(entries).map((t) => t.text),
      live.map(([, text]) => text),
    );
  });

  it('throws naming the sink and the text', () => {
    const planted = recordSink('notification', 'Fix: [here](command:x)');
    try {
      assert.throws(
        () => linkScan(),
        /Link scan: 1 notification text\(s\) with a live link or icon:\n {2}- notification: "Fix: \[here\]\(command:x\)"/,
      );
    } finally {
      forgetSinks(planted);
    }
    assert.match(linkScan(), /no live link or icon/);
  });
});
