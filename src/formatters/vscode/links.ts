// Workspace files linked to deployed formatters ("Pull to Workspace"): kept in workspaceState by path relative to
// the first workspace folder (ids, direction and a hash of the deployed text; never a secret).
import vscode = require('vscode');
import type { LinkStore, WorkspaceFiles } from '../../commands/formatterSync';
import type { Accounts } from '../../auth/accounts';
import type { Direction } from '../../tts/formatters';
import { linkLocation, parseWorkspacePath, type FormatterLocation } from '../location';
import type { FormatterLink } from '../syncState';
import { GuardedWorkspaceFiles } from '../workspaceFiles';
import { locationOf } from './fileSystem';

const KEY = 'thingsStack.formatterLinks';

export class WorkspaceLinks implements LinkStore, WorkspaceFiles {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, FormatterLink> {
    return this.state.get<Record<string, FormatterLink>>(KEY) ?? {};
  }

  /** Every linked file's path. */
  paths(): string[] {
    return Object.keys(this.all());
  }

  get(path: string): FormatterLink | undefined {
    return this.all()[path];
  }

  async set(path: string, link: FormatterLink): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [path]: link });
    this.changed.fire();
  }

  /** The workspace-relative path of a file in the first workspace folder, if it is one. */
  pathOf(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder || uri.scheme !== folder.scheme) {
      return undefined;
    }
    const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
  }

  uriOf(path: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) {
      throw new Error('Open a folder first: pulled formatters are files in the workspace.');
    }
    return vscode.Uri.joinPath(folder, ...path.split('/'));
  }

  /** The link of a workspace file, with its path. */
  linkOf(uri: vscode.Uri): { path: string; link: FormatterLink } | undefined {
    const path = this.pathOf(uri);
    const link = path === undefined ? undefined : this.get(path);
    return path !== undefined && link ? { path, link } : undefined;
  }

  locationOf(uri: vscode.Uri): FormatterLocation | undefined {
    const found = this.linkOf(uri);
    return found && linkLocation(found.link);
  }

  /**
   * Where a workspace file's formatter is deployed: its link, else (a fresh clone: links are per machine) the place
   * its path names (ttn/<app>/[devices/<dev>/]uplink.js) on the one signed-in deployment.
   */
  placeOf(path: string, accounts: Accounts): FormatterLocation | undefined {
    const link = this.get(path);
    if (link) {
      return linkLocation(link);
    }
    const named = parseWorkspacePath(path);
    const signedIn = [...new Set(accounts.deployments().map((d) => d.key))].filter((key) => accounts.account(key));
    return named && signedIn.length === 1 ? { deploymentKey: signedIn[0], ...named } : undefined;
  }

  /** Refuses a path that is, or passes, a symbolic link (workspaceFiles.ts); reads and writes check it first. */
  check(path: string): Promise<void> {
    return this.guarded.check(path);
  }

  read(path: string): Promise<string | undefined> {
    return this.guarded.read(path);
  }

  write(path: string, text: string): Promise<void> {
    return this.guarded.write(path, text);
  }

  /** The workspace folder's files as workspaceFiles.ts sees them; `stat` reports a link as SymbolicLink. */
  private readonly guarded = new GuardedWorkspaceFiles({
    probe: async (segments) => {
      try {
        const stat = await vscode.workspace.fs.stat(this.uriOf(segments.join('/')));
        return { link: (stat.type & vscode.FileType.SymbolicLink) !== 0 };
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
          return undefined;
        }
        throw error;
      }
    },
    read: async (segments) => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uriOf(segments.join('/'))));
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
          return undefined;
        }
        throw error;
      }
    },
    write: async (segments, text) => {
      const uri = this.uriOf(segments.join('/'));
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) {
        // The open editor gets the text (undo keeps the old one), then it is saved to disk.
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(0, 0, open.lineCount, 0), text);
        await vscode.workspace.applyEdit(edit);
        await open.save();
        return;
      }
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    },
  });

  dispose(): void {
    this.changed.dispose();
  }
}

/** Where a document's formatter is deployed: a formatter document, or a workspace formatter file (linked or placed). */
export function formatterLocation(
  uri: vscode.Uri,
  links: WorkspaceLinks,
  accounts: Accounts,
): FormatterLocation | undefined {
  const path = links.pathOf(uri);
  return locationOf(uri) ?? (path === undefined ? undefined : links.placeOf(path, accounts));
}

/** The direction of a document's formatter: all the checks need, known at a formatter path even before any sign-in. */
export function formatterDirection(uri: vscode.Uri, links: WorkspaceLinks, accounts: Accounts): Direction | undefined {
  const path = links.pathOf(uri);
  return (
    formatterLocation(uri, links, accounts)?.direction ??
    (path === undefined ? undefined : parseWorkspacePath(path)?.direction)
  );
}
