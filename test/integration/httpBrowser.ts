// Desktop VS Code opens the system browser, which no test can drive; there the suite plays the browser over
// HTTP instead: log in, approve, and hand the final redirect to VS Code (a vscode:// URI reaches the UriHandler).
import * as vscode from 'vscode';
import { authorizeOverHttp } from '../support/oauthLogin';

/** Logs in with the real TTS sequence (see oauthLogin.ts), approves, and hands the final redirect to VS Code. */
export async function approveOverHttp(authorizeUrl: string, userId: string, password: string): Promise<boolean> {
  let location: string;
  try {
    location = (await authorizeOverHttp(authorizeUrl, { userId, password })).location;
  } catch {
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(location, true));
}
