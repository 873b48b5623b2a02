// Formatter files and test cases that are, or pass through, a symbolic link are refused (issue 21): a repository
// cannot make "Deploy from File" upload ~/.aws/credentials, nor "Pull to Workspace" write outside the workspace.
// Real links on disk, through the same guard the VS Code file system uses (formatters/vscode/links.ts).
import { strict as assert } from 'node:assert';
import { lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deployFormatter, pullFormatter, type LinkStore } from '../../../src/commands/formatterSync';
import type { FormatterLink } from '../../../src/formatters/syncState';
import {
  checkWorkspacePath,
  GuardedWorkspaceFiles,
  UnsafeWorkspacePathError,
  type WorkspaceFs,
} from '../../../src/formatters/workspaceFiles';
import { DECODER, formatterCommandsEnv, type FormatterCommandsEnv } from '../commands/formatterCommands.fixture';

const code = (e: unknown): string | undefined => (e as { code?: string }).code;

/** The workspace folder on disk, as workspace.fs reports it (a link, dangling or not, is a link). */
function diskFs(root: string): WorkspaceFs {
  const at = (segments: readonly string[]): string => join(root, ...segments);
  return {
    probe: async (segments) => {
      try {
        return { link: (await lstat(at(segments))).isSymbolicLink() };
      } catch (error) {
        if (code(error) === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    },
    read: async (segments) =>
      readFile(at(segments), 'utf8').catch((e: unknown) => (code(e) === 'ENOENT' ? undefined : Promise.reject(e))),
    write: async (segments, text) => {
      await mkdir(dirname(at(segments)), { recursive: true });
      await writeFile(at(segments), text);
    },
  };
}

const WHY =
  'formatter files and test cases are read and written only as files inside the workspace folder, never through ' +
  'a symbolic link (it could lead to any file of this computer, which would then be sent to The Things Stack)';
const PATH = 'ttn/alice-sensors/devices/device-0001/uplink.js';

describe('workspace files: no symbolic links', () => {
  let base: string;
  let root: string;
  let secret: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'tsm-ws-'));
    root = join(base, 'workspace');
    await mkdir(join(root, 'ttn', 'alice-sensors', 'devices', 'device-0001'), { recursive: true });
    secret = join(base, 'home', '.aws', 'credentials');
    await mkdir(dirname(secret), { recursive: true });
    await writeFile(secret, '[default]\naws_secret_access_key = not-for-the-server\n');
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('says which part of the path is a link; plain and missing files pass', async () => {
    const fs = diskFs(root);
    await writeFile(join(root, 'ttn', 'alice-sensors', 'uplink.js'), DECODER);
    await checkWorkspacePath(fs, 'ttn/alice-sensors/uplink.js');
    await checkWorkspacePath(fs, 'ttn/alice-sensors/downlink.js'); // not there yet: a pull may create it
    await symlink(secret, join(root, PATH));
    await assert.rejects(checkWorkspacePath(fs, PATH), {
      message: `${PATH} is a symbolic link: ${WHY}. Replace it with the file itself.`,
    });
    await symlink(join(base, 'nowhere'), join(root, 'ttn', 'alice-sensors', 'downlink.tests.json'));
    await assert.rejects(checkWorkspacePath(fs, 'ttn/alice-sensors/downlink.tests.json'), UnsafeWorkspacePathError);
    await symlink(dirname(secret), join(root, 'ttn', 'other-app'));
    await assert.rejects(checkWorkspacePath(fs, 'ttn/other-app/credentials'), {
      message: `ttn/other-app/credentials is inside ttn/other-app, which is a symbolic link: ${WHY}. Replace it with a real folder.`,
    });
    for (const bad of ['../home/.aws/credentials', '/etc/passwd', 'ttn//uplink.js', 'ttn/./uplink.js']) {
      await assert.rejects(checkWorkspacePath(fs, bad), {
        message: `${bad} is not a plain path inside the workspace folder.`,
      });
    }
  });

  describe('through the commands', () => {
    let env: FormatterCommandsEnv;
    formatterCommandsEnv((e) => (env = e));
    class Links implements LinkStore {
      readonly links = new Map<string, FormatterLink>();
      get = (path: string): FormatterLink | undefined => this.links.get(path);
      set = async (path: string, link: FormatterLink): Promise<void> => {
        this.links.set(path, link);
      };
    }

    it('Deploy from File refuses a formatter file that links to ~/.aws/credentials: nothing is sent', async () => {
      await symlink(secret, join(root, PATH));
      const files = new GuardedWorkspaceFiles(diskFs(root));
      const from = env.f.server.requests.length;
      const text = await readFile(join(root, PATH), 'utf8'); // what the editor would show: the link's target
      await assert.rejects(deployFormatter(env.f.ctx, PATH, text, files, new Links()), UnsafeWorkspacePathError);
      assert.deepEqual(env.f.server.requests.slice(from), [], 'no request at all');
      const stored = await env.f.account.api.formatters.getDevice('alice-sensors', 'device-0001');
      assert.equal(stored.formatters?.up?.parameter, DECODER, 'the deployed formatter is unchanged');
    });

    it('Pull to Workspace refuses to write through a linked folder: nothing is written outside the workspace', async () => {
      await rm(join(root, 'ttn', 'alice-sensors'), { recursive: true });
      await symlink(join(base, 'home'), join(root, 'ttn', 'alice-sensors'));
      const files = new GuardedWorkspaceFiles(diskFs(root));
      await assert.rejects(
        pullFormatter(env.f.ctx, env.at('device-0001'), files, new Links()),
        UnsafeWorkspacePathError,
      );
      await assert.rejects(lstat(join(base, 'home', 'devices')), { code: 'ENOENT' });
    });

    it('a plain file deploys as before', async () => {
      const edited = DECODER.replace('/ 100', '/ 10');
      await writeFile(join(root, PATH), edited);
      const files = new GuardedWorkspaceFiles(diskFs(root));
      env.f.ui.messageActions.push([/changed locally and on the server/, 'Overwrite']);
      assert.deepEqual(await deployFormatter(env.f.ctx, PATH, edited, files, new Links()), { outcome: 'deployed' });
    });
  });
});
