// The walk over a parsed formatter script (syntax.ts): `console`, syntax the server's engine (goja in v3.32.1) does
// not compile, and encodeDownlink's fPort, which is a Number object on the server. Pure; types of the parser only.
import type { Node, Program } from 'acorn';
import { range, type ScriptProblem } from './checks';

/** Text that may hold what the walk looks for; most scripts hold none, and the walk is the costly part of a check. */
const WALK_HINT = /console|\d_\d|\b(?:\d+|0[xXoObB][\da-fA-F]+)n\b|&&=|\|\|=|\?\?=|\basync\b/;

/**
 * One walk over the tree for: the first use of `console` (unless the script defines it), and syntax goja of v3.32.1
 * does not compile (see PARSE_OPTIONS).
 */
export function walkProblems(script: string, program: Program, defined: Set<string>): ScriptProblem[] {
  if (!WALK_HINT.test(script)) {
    return [];
  }
  const problems: ScriptProblem[] = [];
  let consoleUse: Node | undefined;
  const unsupported = (node: Node, what: string, are = false) =>
    problems.push({
      ...range(script, node),
      message: `${what} ${are ? 'are' : 'is'} not supported by the server's JavaScript engine (goja in v3.32.1): the script would not compile there.`,
      severity: 'error',
    });
  walk(program, (n, parent, key) => {
    switch (n.type) {
      case 'Identifier':
        if (!consoleUse && n.name === 'console' && isReference(parent, key)) {
          consoleUse = n;
        }
        return false;
      case 'Literal':
        if (typeof n.bigint === 'string') {
          unsupported(n, `BigInt literals (${String(n.raw)})`, true);
        } else if (typeof n.value === 'number' && String(n.raw).includes('_')) {
          unsupported(n, `Numeric separators (${String(n.raw)})`, true);
        }
        return false;
      case 'AssignmentExpression':
        if (n.operator === '&&=' || n.operator === '||=' || n.operator === '??=') {
          unsupported(n, `The logical assignment ${String(n.operator)}`);
        }
        break;
      case 'ForOfStatement':
        if (n.await) {
          unsupported(n, 'for await');
        }
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        if (n.async && n.generator) {
          unsupported(n, 'Async generators', true);
        }
        break;
    }
    return true;
  });
  if (consoleUse && !defined.has('console')) {
    problems.push({
      ...range(script, consoleUse),
      message:
        'The server has no console: this call throws "ReferenceError: console is not defined" there. Return warnings instead.',
      severity: 'warning',
    });
  }
  return problems;
}

type AnyNode = Node & Record<string, unknown>;

/** Visits every node under `root` (depth first); `visit` returns false to skip a node's children. */
function walk(root: Node, visit: (node: AnyNode, parent: AnyNode | undefined, key: string) => boolean): void {
  const go = (value: unknown, parent: AnyNode | undefined, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        go(item, parent, key);
      }
      return;
    }
    const node = value as AnyNode;
    if (!visit(node, parent, key)) {
      return;
    }
    for (const k in node) {
      const child = node[k];
      if (child && typeof child === 'object') {
        go(child, node, k);
      }
    }
  };
  go(root, undefined, '');
}

/**
 * encodeDownlink's `input.fPort` (and the legacy Encoder's fPort) is a Number object on v3.32.1: the server passes a Go
 * *uint8, which goja wraps as an object (checked with goja b396bb4: typeof "object", `input.fPort === 2` false,
 * `input.fPort == 2` true). A strict comparison, a switch or typeof on it never does what it says.
 */
export function fPortObjectProblems(script: string, program: Program): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const statement of program.body) {
    const fn = topLevelFunction(statement);
    if (!fn || (fn.name !== 'encodeDownlink' && fn.name !== 'Encoder')) {
      continue;
    }
    const param = (fn.node.params as AnyNode[])[fn.name === 'Encoder' ? 1 : 0] as AnyNode | undefined;
    const isFPort = fPortMatcher(param, fn.name === 'encodeDownlink');
    if (!isFPort) {
      continue;
    }
    walk(fn.node.body as Node, (n) => {
      const strict =
        n.type === 'BinaryExpression' &&
        (n.operator === '===' || n.operator === '!==') &&
        (isFPort(n.left as AnyNode) || isFPort(n.right as AnyNode));
      const switched = n.type === 'SwitchStatement' && isFPort(n.discriminant as AnyNode);
      const typed = n.type === 'UnaryExpression' && n.operator === 'typeof' && isFPort(n.argument as AnyNode);
      if (strict || switched || typed) {
        const what = switched
          ? 'a switch on it never matches a case'
          : typed
            ? 'typeof gives "object"'
            : `${String(n.operator)} never matches a number`;
        problems.push({
          ...range(script, (switched ? n.discriminant : n) as Node),
          message: `In ${fn.name}, fPort is a Number object on the server, not a number: ${what}. Use Number(${fn.name === 'Encoder' ? 'fPort' : 'input.fPort'}).`,
          severity: 'warning',
        });
      }
      return true;
    });
  }
  return problems;
}

function topLevelFunction(statement: Program['body'][number]): { name: string; node: AnyNode } | undefined {
  if (statement.type === 'FunctionDeclaration' && statement.id) {
    return { name: statement.id.name, node: statement as unknown as AnyNode };
  }
  if (statement.type === 'VariableDeclaration') {
    for (const d of statement.declarations) {
      if (
        d.id.type === 'Identifier' &&
        (d.init?.type === 'FunctionExpression' || d.init?.type === 'ArrowFunctionExpression')
      ) {
        return { name: d.id.name, node: d.init as unknown as AnyNode };
      }
    }
  }
  return undefined;
}

/** Recognises the fPort of a parameter: `input.fPort` for an `input` object, `fPort` for `{ fPort }` or a plain one. */
function fPortMatcher(param: AnyNode | undefined, isInputObject: boolean): ((n: AnyNode) => boolean) | undefined {
  if (param?.type === 'Identifier') {
    const name = param.name as string;
    return isInputObject
      ? (n) =>
          n.type === 'MemberExpression' &&
          !n.computed &&
          (n.object as AnyNode).type === 'Identifier' &&
          (n.object as AnyNode).name === name &&
          (n.property as AnyNode).name === 'fPort'
      : (n) => n.type === 'Identifier' && n.name === name;
  }
  if (isInputObject && param?.type === 'ObjectPattern') {
    const property = (param.properties as AnyNode[]).find(
      (p) => p.type === 'Property' && (p.key as AnyNode).name === 'fPort' && (p.value as AnyNode).type === 'Identifier',
    );
    const name = property && ((property.value as AnyNode).name as string);
    return name ? (n) => n.type === 'Identifier' && n.name === name : undefined;
  }
  return undefined;
}

function isReference(parent: AnyNode | undefined, key: string): boolean {
  if (!parent) {
    return true;
  }
  if (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) {
    return false;
  }
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition') && key === 'key' && !parent.computed) {
    return false;
  }
  return !['params', 'id', 'label'].includes(key);
}
