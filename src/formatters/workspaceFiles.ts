// Formatter files and their `*.tests.json` in the workspace are read and written only as real files inside the
// workspace folder (vscode-free; the VS Code file system is the caller's `WorkspaceFs`). A repository can contain
// symbolic links: `ttn/app/uplink.js → ~/.aws/credentials` would make "Deploy from File" (or a test run, which sends
// the formatter's text) upload that file to the user's own server, and a linked folder would make "Pull to
// Workspace" write outside the workspace. So every part of the path under the folder must be no link.
import { CommandError } from '../ui/errorText';

/** What the file system says about one path under the workspace folder (segments relative to the folder). */
export interface WorkspaceFs {
  /** undefined: nothing there; `link`: a symbolic link (to anything, or dangling). */
  probe(segments: readonly string[]): Promise<{ link: boolean } | undefined>;
  read(segments: readonly string[]): Promise<string | undefined>;
  /** Creates missing folders. */
  write(segments: readonly string[], text: string): Promise<void>;
}

/** A workspace path that is, or goes through, a symbolic link (or is no plain relative path). */
export class UnsafeWorkspacePathError extends CommandError {}

const WHY =
  'formatter files and test cases are read and written only as files inside the workspace folder, never through ' +
  'a symbolic link (it could lead to any file of this computer, which would then be sent to The Things Stack)';

function segmentsOf(path: string): string[] {
  const segments = path.split('/');
  if (path.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new UnsafeWorkspacePathError(`${path} is not a plain path inside the workspace folder.`);
  }
  return segments;
}

/** Throws UnsafeWorkspacePathError when `path` (relative to the workspace folder) is or passes a symbolic link. */
export async function checkWorkspacePath(fs: WorkspaceFs, path: string): Promise<void> {
  const segments = segmentsOf(path);
  for (let i = 1; i <= segments.length; i++) {
    const found = await fs.probe(segments.slice(0, i));
    if (!found) {
      return; // nothing there yet (a pull creates it): no link on the way
    }
    if (found.link) {
      const part = segments.slice(0, i).join('/');
      throw new UnsafeWorkspacePathError(
        part === path
          ? `${path} is a symbolic link: ${WHY}. Replace it with the file itself.`
          : `${path} is inside ${part}, which is a symbolic link: ${WHY}. Replace it with a real folder.`,
      );
    }
  }
}

/** The workspace's formatter files through `fs`, each path checked before it is read or written. */
export class GuardedWorkspaceFiles {
  constructor(private readonly fs: WorkspaceFs) {}

  check(path: string): Promise<void> {
    return checkWorkspacePath(this.fs, path);
  }

  async read(path: string): Promise<string | undefined> {
    await this.check(path);
    return this.fs.read(segmentsOf(path));
  }

  async write(path: string, text: string): Promise<void> {
    await this.check(path);
    await this.fs.write(segmentsOf(path), text);
  }
}
