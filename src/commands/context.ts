// What every explorer command gets: the UI seam, the accounts, the explorer model and a log — nothing from vscode.
import type { Accounts } from '../auth/accounts';
import type { ExplorerModel } from '../explorer/model';
import type { ExplorerNode } from '../explorer/nodeTypes';
import type { Right } from '../tts/rights';
import type { VsCodeClientHost } from './registerClient';
import type { Ui } from '../ui/ui';

export interface CommandLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export interface CommandContext {
  ui: Ui;
  accounts: Accounts;
  model: ExplorerModel;
  log: CommandLog;
  /** Keeps a new secret out of every later log line. */
  redact?(secret: string): void;
  /** Shows and selects a node in the tree (VS Code only). */
  reveal?(node: ExplorerNode): Promise<void>;
  now?(): number;
  /** Signs the session out (forgets it here and revokes its tokens on the server), as Sign Out does. */
  signOut?(sessionId: string): Promise<void>;
  /** What "Register an OAuth Client for VS Code" needs from VS Code (callback URI, settings, sign-in). */
  vsCodeClientHost?: VsCodeClientHost;
}

/** A command's logic; `args[0]` is the tree node when run from a menu, absent from the palette. */
export type CommandRun = (ctx: CommandContext, ...args: unknown[]) => Promise<void>;

export interface CommandSpec {
  id: string;
  run: CommandRun;
  /** The rights the operation needs, named when TTS refuses without saying which. */
  rights?: readonly Right[];
}
