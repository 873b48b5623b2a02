// Contract checks against the TTS v3.32.1 swagger (read in place, never copied: TTS_API_SPEC or
// ../shared/tts/api.swagger.json beside the repository). Requests: known method and path template, declared query
// parameters, bodies valid with unknown fields rejected. Responses: 2xx against the operation's schema, errors
// against googlerpcStatus, event stream messages against "Stream result of v3Event".
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isObject, matchTemplate, specificity } from './ttsServer/http';
import type { RecordedRequest, RecordedServer } from './ttsServer/servers';

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  type?: string;
  enum?: string[];
  items?: { type?: string; enum?: string[] };
  schema?: Schema;
}
export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses: Record<string, { schema?: Schema } | undefined>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Schema>;
}

/** The repository root: the nearest folder up from here (or the working directory) with a package.json. */
function repoRoot(): string {
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) {
    dir = dirname(dir);
  }
  return dir;
}

export function specPath(): string {
  return process.env.TTS_API_SPEC || resolve(repoRoot(), '..', 'shared', 'tts', 'api.swagger.json');
}

interface Loaded {
  spec: Spec;
  ajv: Ajv;
  templates: string[];
  validators: Map<string, ValidateFunction>;
}
let loaded: Loaded | null | undefined;

/** Objects that list properties but say nothing about others get `additionalProperties: false`; FieldMask also
 * accepts its object form `{"paths": […]}`, which TTS parses as well as the string form. */
function tighten(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(tighten);
  }
  if (!isObject(node)) {
    return node;
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace(/^#\/definitions\//, 'tts#/definitions/')
        : tighten(value);
  }
  if (isObject(out.properties)) {
    const props = out.properties;
    if (isObject(props.field_mask) && props.field_mask.type === 'string') {
      props.field_mask = {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            properties: { paths: { type: 'array', items: { type: 'string' } } },
            additionalProperties: false,
          },
        ],
      };
    }
    if (Object.keys(props).length > 0 && out.additionalProperties === undefined) {
      out.additionalProperties = false;
    }
  }
  return out;
}

function load(): Loaded | null {
  if (loaded !== undefined) {
    return loaded;
  }
  const path = specPath();
  if (!existsSync(path)) {
    console.log(`TTS API spec not found at ${path} (set TTS_API_SPEC); skipping contract checks.`);
    loaded = null;
    return loaded;
  }
  const spec = JSON.parse(readFileSync(path, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const integer = { type: 'string' as const, validate: /^-?\d+$/ };
  ajv.addFormat('int64', integer).addFormat('uint64', integer).addFormat('int32', integer).addFormat('uint32', integer);
  ajv.addFormat('byte', /^[A-Za-z0-9+/_-]*={0,2}$/);
  ajv
    .addFormat('double', { type: 'number', validate: () => true })
    .addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('string', true);
  ajv.addSchema({ $id: 'tts', definitions: tighten(spec.definitions) });
  loaded = { spec, ajv, templates: Object.keys(spec.paths), validators: new Map() };
  return loaded;
}

export function contractAvailable(): boolean {
  return load() !== null;
}

const relative = (path: string): string => path.replace(/^\/api\/v3(?=\/|$)/, '').split('?')[0] || '/';

/** The swagger template and operation for a method and path (with or without /api/v3); literal segments win. */
export function findOperation(method: string, path: string): { template: string; operation: Operation } | undefined {
  const c = load();
  if (!c) {
    return undefined;
  }
  const rel = relative(path);
  const verb = method.toLowerCase();
  const candidates = c.templates.filter(
    (t) => c.spec.paths[t][verb] !== undefined && matchTemplate(t, rel) !== undefined,
  );
  candidates.sort((a, b) => (specificity(a) < specificity(b) ? 1 : specificity(a) > specificity(b) ? -1 : 0));
  return candidates[0] ? { template: candidates[0], operation: c.spec.paths[candidates[0]][verb] } : undefined;
}

function validator(c: Loaded, key: string, schema: Schema): ValidateFunction {
  let validate = c.validators.get(key);
  if (!validate) {
    validate = c.ajv.compile(tighten(schema) as Schema);
    c.validators.set(key, validate);
  }
  return validate;
}

function describe(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String(e.params.additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` (${(e.params.allowedValues as unknown[]).join(', ')})`
          : '';
    return `${where}${e.instancePath || ''}: ${e.message ?? e.keyword}${extra}`;
  });
}

function validate(c: Loaded, key: string, schema: Schema, value: unknown, where: string): string[] {
  const fn = validator(c, key, schema);
  return fn(value) ? [] : describe(where, fn.errors);
}

const skipped = (path: string): boolean => !/^\/api\/v3(\/|$)/.test(path) && /^\/oauth(\/|$)/.test(path);

export interface RequestToCheck {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export function checkRequest(request: RequestToCheck): string[] {
  const c = load();
  if (!c || skipped(request.path)) {
    return [];
  }
  const found = findOperation(request.method, request.path);
  if (!found) {
    const known = c.templates.some((t) => matchTemplate(t, relative(request.path)));
    return [
      known
        ? `${request.method} is not an operation of ${relative(request.path)}`
        : `unknown path ${relative(request.path)}`,
    ];
  }
  const problems: string[] = [];
  const params = found.operation.parameters ?? [];
  for (const [name, value] of Object.entries(request.query ?? {})) {
    const declared = params.find(
      (p) =>
        p.in === 'query' &&
        (p.name === name ||
          (p.name.endsWith('[string]') &&
            name.startsWith(p.name.slice(0, -'[string]'.length + 1)) &&
            name.endsWith(']'))),
    );
    if (!declared) {
      problems.push(`query parameter '${name}' is not declared by ${found.operation.operationId ?? found.template}`);
      continue;
    }
    const type = declared.type === 'array' ? declared.items?.type : declared.type;
    const allowed = declared.type === 'array' ? declared.items?.enum : declared.enum;
    if (
      (type === 'integer' && !/^-?\d+$/.test(value)) ||
      (type === 'boolean' && !/^(true|false)$/.test(value)) ||
      (allowed && !value.split(',').every((v) => allowed.includes(v)))
    ) {
      problems.push(`query parameter '${name}' has an invalid value '${value}'`);
    }
  }
  const bodyParam = params.find((p) => p.in === 'body');
  const hasBody = request.body !== undefined && !(isObject(request.body) && Object.keys(request.body).length === 0);
  if (!bodyParam) {
    return hasBody ? [...problems, `${found.template} takes no request body`] : problems;
  }
  const body: unknown = structuredClone(request.body ?? {});
  const pathParams = matchTemplate(found.template, relative(request.path)) ?? {};
  for (const [name, value] of Object.entries(pathParams)) {
    // Path parameters may be repeated in the body (the path wins); they must agree with the path.
    const keys = name.split('.');
    const parent = keys.slice(0, -1).reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), body);
    const leaf = keys[keys.length - 1];
    if (isObject(parent) && parent[leaf] !== undefined) {
      if (parent[leaf] !== value) {
        problems.push(`body ${name} '${String(parent[leaf])}' differs from the path value '${value}'`);
      }
      delete parent[leaf];
    }
  }
  return [...problems, ...validate(c, `req ${request.method} ${found.template}`, bodyParam.schema ?? {}, body, 'body')];
}

export interface ResponseToCheck {
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** Event stream messages. */
  messages?: unknown[];
}

export function checkResponse(response: ResponseToCheck): string[] {
  const c = load();
  if (!c || skipped(response.path)) {
    return [];
  }
  const found = findOperation(response.method, response.path);
  if (!found) {
    return [];
  }
  const ok = found.operation.responses['200']?.schema ?? {};
  const key = `res ${response.method} ${found.template}`;
  if (typeof ok.title === 'string' && ok.title.startsWith('Stream result of')) {
    const messages = response.messages ?? (response.body === undefined ? [] : [response.body]);
    return messages.flatMap((m, i) => validate(c, key, ok, m, `message ${i}`));
  }
  if (response.status >= 200 && response.status < 300) {
    return validate(c, key, ok, response.body ?? {}, 'response');
  }
  return validate(
    c,
    'googlerpcStatus',
    { $ref: '#/definitions/googlerpcStatus' },
    response.body,
    `error response ${response.status}`,
  );
}

/** Problems in recorded traffic, one line each, deduplicated. Corrupted (knob) responses are skipped. */
export function checkRecorded(requests: readonly RecordedRequest[]): string[] {
  const problems = new Set<string>();
  for (const r of requests) {
    // Only the API is in the swagger: /oauth pages, favicons and CORS preflights are not.
    if (!r.contract || r.method === 'OPTIONS' || !/^\/api\/v3(\/|$)/.test(r.path)) {
      continue;
    }
    let found = r.problems;
    if (!found) {
      const at = `${r.method} ${r.path}`;
      found = checkRequest(r).map((p) => `${at}: request ${p}`);
      if (r.response && !r.response.injected) {
        found.push(...checkResponse({ method: r.method, path: r.path, ...r.response }).map((p) => `${at}: ${p}`));
      }
      if (r.response) {
        r.problems = found; // complete: kept for the next check of the run
      }
    }
    found.forEach((p) => problems.add(p));
  }
  return [...problems];
}

/** Everything wrong with the servers' traffic, plus handler crashes. */
export function checkServers(servers: readonly RecordedServer[]): string[] {
  return servers.flatMap((s) => [
    ...checkRecorded(s.requests),
    ...s.crashes.map((e) => `${s.url}: test server crashed: ${e.message}`),
  ]);
}
