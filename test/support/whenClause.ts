// VS Code's `when` clauses as package.json writes them, evaluated against a context: `&&`, `||`, `!`, parentheses,
// `==`, `!=`, `=~ /regex/flags`, `in`, `true`, `false` and bare keys (truthy). Enough for the menus of this
// extension; an unknown form throws, so a test cannot pass by not understanding a clause.

export type WhenContext = Record<string, unknown>;

type Token = { kind: 'op'; value: string } | { kind: 'word'; value: string } | { kind: 'regex'; value: RegExp };

function tokens(when: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < when.length) {
    const rest = when.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const op = /^(&&|\|\||==|!=|=~|!|\(|\))/.exec(rest);
    if (op) {
      out.push({ kind: 'op', value: op[0] });
      i += op[0].length;
      continue;
    }
    if (rest.startsWith('/') && out.at(-1)?.value === '=~') {
      const regex = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(rest);
      if (!regex) {
        throw new Error(`unterminated regex in: ${when}`);
      }
      out.push({ kind: 'regex', value: new RegExp(regex[1], regex[2]) });
      i += regex[0].length;
      continue;
    }
    const word = /^[^\s()!&|=]+/.exec(rest);
    if (!word) {
      throw new Error(`cannot read "${rest}" in: ${when}`);
    }
    out.push({ kind: 'word', value: word[0] });
    i += word[0].length;
  }
  return out;
}

/** Whether `when` holds in `context` (a missing key is undefined, as in VS Code). */
export function holds(when: string, context: WhenContext): boolean {
  const list = tokens(when);
  let at = 0;
  const peek = (): Token | undefined => list[at];
  const next = (): Token => {
    const token = list[at++];
    if (!token) {
      throw new Error(`unexpected end of: ${when}`);
    }
    return token;
  };
  const word = (): string => {
    const token = next();
    if (token.kind !== 'word') {
      throw new Error(`expected a word in: ${when}`);
    }
    return token.value;
  };
  const primary = (): boolean => {
    const token = next();
    if (token.kind === 'op' && token.value === '(') {
      const value = or();
      if (next().value !== ')') {
        throw new Error(`missing ) in: ${when}`);
      }
      return value;
    }
    if (token.kind === 'op' && token.value === '!') {
      return !primary();
    }
    if (token.kind !== 'word') {
      throw new Error(`unexpected ${String(token.value)} in: ${when}`);
    }
    if (token.value === 'true' || token.value === 'false') {
      return token.value === 'true';
    }
    const value = context[token.value];
    const following = peek();
    if (following?.kind === 'op' && (following.value === '==' || following.value === '!=')) {
      next();
      const equal = String(value) === word();
      return following.value === '==' ? equal : !equal;
    }
    if (following?.kind === 'op' && following.value === '=~') {
      next();
      const regex = next();
      if (regex.kind !== 'regex') {
        throw new Error(`expected a regex in: ${when}`);
      }
      return typeof value === 'string' && regex.value.test(value);
    }
    if (following?.kind === 'word' && following.value === 'in') {
      next();
      const container = context[word()];
      return Array.isArray(container)
        ? container.includes(value)
        : typeof container === 'object' && container !== null && String(value) in container;
    }
    return Boolean(value);
  };
  const and = (): boolean => {
    let value = primary();
    while (peek()?.value === '&&') {
      next();
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek()?.value === '||') {
      next();
      value = and() || value;
    }
    return value;
  };
  const result = or();
  if (at !== list.length) {
    throw new Error(`unexpected ${String(list[at].value)} in: ${when}`);
  }
  return result;
}
