// The one "Things Stack" LogOutputChannel, behind a logger that redacts every line.
import vscode = require('vscode');
import type { CoreLogger } from '../tts/http';
import { Redactor } from '../util/redact';
import { inTests } from './environment';

export class Logger implements CoreLogger, vscode.Disposable {
  readonly redactor = new Redactor();
  private readonly channel: vscode.LogOutputChannel;

  /** Also hands every (redacted) line here; the extension-host tests print the log this way. */
  echo: ((line: string) => void) | undefined;

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel('Things Stack', { log: true });
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string): void {
    const line = this.redactor.redact(message);
    this.channel[level](line);
    this.echo?.(`[${level}] ${line}`);
  }

  trace(message: string): void {
    this.write('trace', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string | Error): void {
    this.write('error', message instanceof Error ? `${message.name}: ${message.message}` : message);
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}

/** The window's log; while the extension-host tests run, every line is also printed on their console. */
export function createLogger(context: vscode.ExtensionContext): Logger {
  const log = new Logger();
  if (inTests(context)) {
    log.echo = (line) => console.log(`  (log) ${line}`);
  }
  return log;
}
