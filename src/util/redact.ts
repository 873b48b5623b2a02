// Keeps tokens and secrets out of every log line (vscode-free, so it is tested in plain Node).

const TOKEN = /\b(MFRWG|OJSWM|MF2XI|NNSXS|ONZW4)\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?/g;
const PARAMS = /\b(code|state|code_verifier|client_secret|refresh_token|access_token|secret|key)=([^&\s"']+)/gi;
const JSON_FIELDS = /"(access_token|refresh_token|secret|key|client_secret|code)"\s*:\s*"[^"]*"/gi;
const AUTH_HEADER = /\b(Authorization:\s*)(Bearer|Basic)\s+\S+/gi;

export class Redactor {
  private readonly known = new Set<string>();

  /** Also hide this exact value (a client secret, say) wherever it shows up. Short values are ignored. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 6) {
      this.known.add(secret);
    }
  }

  redact(text: string): string {
    let out = text
      .replace(TOKEN, (_m, prefix: string) => `${prefix}.***`)
      .replace(AUTH_HEADER, '$1$2 ***')
      .replace(JSON_FIELDS, (_m, field: string) => `"${field}":"***"`)
      .replace(PARAMS, (_m, name: string) => `${name}=***`);
    for (const secret of this.known) {
      out = out.split(secret).join('***');
    }
    return out;
  }
}
