// The one "Things Stack" LogOutputChannel, behind a logger that redacts every line.
import * as vscode from 'vscode';
import type { CoreLogger } from '../tts/http';
import { Redactor } from './redact';

export class Logger implements CoreLogger, vscode.Disposable {
  readonly redactor = new Redactor();
  private readonly channel: vscode.LogOutputChannel;

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel('Things Stack', { log: true });
  }

  trace(message: string): void {
    this.channel.trace(this.redactor.redact(message));
  }
  debug(message: string): void {
    this.channel.debug(this.redactor.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }
  error(message: string | Error): void {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : message;
    this.channel.error(this.redactor.redact(text));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
