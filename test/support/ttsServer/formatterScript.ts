// JavaScript payload formatters run the way v3.32.1 runs them (pkg/messageprocessors/javascript over goja): the
// script inside TTS's own wrapper (so error positions name the same `<eval>` lines: the script starts on line 2),
// no `console`, input `{bytes, fPort}` or `{data, fPort}` only, the legacy Decoder/Encoder fallback, a 100 ms limit,
// and the result converted the way goja's ExportTo does (bytes & 0xff, data arrays become index-keyed objects).
// Here it runs in node:vm: V8's messages and columns can differ from goja's (README "(1) Payload formatters").
import vm from 'node:vm';
import { TtsError } from './errors';
import { errorMessage } from '../../../src/util/errorMessage';

export const SCRIPT_TIMEOUT_MS = 100;

// The wrappers of pkg/messageprocessors/javascript/javascript.go, byte for byte (tabs included).
const UPLINK = (script: string): string => `
		${script}

		function main(input) {
			const bytes = input.bytes.slice();
			const { fPort } = input;
			if (typeof decodeUplink === 'function') {
				const decoded = decodeUplink({ bytes, fPort });
				let normalized;
				const { data, errors } = decoded;
				if ((!errors || !errors.length) && data && typeof normalizeUplink === 'function') {
					normalized = normalizeUplink({ data });
				}
				return { decoded, normalized };
			}
			return {
				decoded: {
					data: Decoder(bytes, fPort)
				}
			}
		}
	`;

const DOWNLINK_ENCODER = (script: string): string => `
		${script}

		function main(input) {
			const { data, fPort } = input;
			if (typeof encodeDownlink === 'function') {
				return encodeDownlink({ data, fPort });
			}
			return {
				bytes: Encoder(data, fPort),
				fPort: input.fPort
			}
		}
	`;

const DOWNLINK_DECODER = (script: string): string => `
		${script}

		function main(input) {
			const bytes = input.bytes.slice();
			const { fPort } = input;
			return decodeDownlink({ bytes, fPort });
		}
	`;

const JS = 'pkg/scripting/javascript';
const PROCESSOR = 'pkg/messageprocessors/javascript';

export const scriptErrors = {
  script: (message: string) => new TtsError(10, JS, 'script', '{message}', { message }),
  runtime: (message: string) => new TtsError(10, JS, 'runtime', '{message}', { message }),
  timeout: () =>
    new TtsError(
      4,
      JS,
      'script_timeout',
      'script timeout',
      {},
      new TtsError(4, 'pkg/errors', 'context_deadline_exceeded', 'context deadline exceeded'),
    ),
  noOutput: () => new TtsError(10, JS, 'no_script_output', 'no script output'),
  /** errors.Define("output", …): its code is its cause's. */
  output: (cause: TtsError) => new TtsError(cause.grpcCode, PROCESSOR, 'output', 'invalid output', {}, cause),
  outputErrors: (list: readonly string[]) =>
    new TtsError(10, PROCESSOR, 'output_errors', '{errors}', { errors: list.join(', ') }),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** goja's `Error.String() at fn (<eval>:line:col(pc))` from a V8 error thrown inside the context. */
function describeThrown(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null && typeof (thrown as { stack?: unknown }).stack === 'string') {
    const error = thrown as { name?: unknown; message?: unknown; stack: string };
    const text = `${String(error.name ?? 'Error')}: ${String(error.message ?? '')}`;
    const frame = /^\s+at (?:(\S+) \()?<eval>:(\d+):(\d+)\)?$/m.exec(error.stack);
    return frame ? `${text} at ${frame[1] ?? '<eval>'} (<eval>:${frame[2]}:${frame[3]}(0))` : text;
  }
  // A thrown string or number: V8 keeps no position for it (goja does).
  return String(thrown);
}

/** goja's parser message: `SyntaxError: SyntaxError: (anonymous): Line L:C <message>`. */
function describeSyntaxError(error: unknown): string {
  const e = error as { message?: string; stack?: string };
  const stack = e.stack ?? '';
  const line = /^<eval>:(\d+)/.exec(stack)?.[1];
  const caret = stack.split('\n')[2] ?? '';
  const column = caret.indexOf('^') + 1;
  const where = line ? `Line ${line}:${column > 0 ? column : 1} ` : '';
  return `SyntaxError: SyntaxError: (anonymous): ${where}${e.message ?? 'syntax error'}`;
}

/** Runs `main(input)` of the wrapped script with the time limit; returns its value as the context made it. */
function run(wrapped: string, input: unknown): unknown {
  let script: vm.Script;
  try {
    script = new vm.Script(wrapped, { filename: '<eval>' });
  } catch (error) {
    throw scriptErrors.script(describeSyntaxError(error));
  }
  for (let attempt = 1; ; attempt++) {
    const cpu = process.cpuUsage();
    try {
      return runOnce(script, input);
    } catch (error) {
      if (error instanceof TtsError) {
        throw error;
      }
      if ((error as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        // The limit is wall time, as on the real server, but a busy test machine can stall this process longer than
        // that while the script does not run: a timeout that hardly used the CPU is run again (twice at most).
        const used = process.cpuUsage(cpu);
        if ((used.user + used.system) / 1000 < SCRIPT_TIMEOUT_MS / 2 && attempt < 3) {
          continue;
        }
        throw scriptErrors.timeout();
      }
      throw scriptErrors.script(describeThrown(error));
    }
  }
}

/** One run in a fresh context: the script's top level, then `main(__input)`, within one time budget. */
function runOnce(script: vm.Script, input: unknown): unknown {
  const context = vm.createContext({ __input: input });
  vm.runInContext('delete globalThis.console;', context); // goja has no console; V8 gives every context one
  const started = Date.now();
  script.runInContext(context, { timeout: SCRIPT_TIMEOUT_MS });
  if (vm.runInContext('typeof main', context) !== 'function') {
    throw scriptErrors.runtime('entrypoint `main` not found');
  }
  const left = Math.max(1, SCRIPT_TIMEOUT_MS - (Date.now() - started));
  return new vm.Script('main(__input)', { filename: '<main>' }).runInContext(context, { timeout: left });
}

const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(sortedKeys);
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys(value[k])]),
    );
  }
  return value;
};

/** A decoded payload as the AS stores it (a protobuf Struct): JSON values, keys sorted, arrays as index maps. */
function dataOf(value: unknown, inside: string): Record<string, unknown> {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object') {
    const v = String(value);
    throw scriptErrors.output(
      scriptErrors.runtime(
        `${inside}could not convert struct value ${v} to map[string]interface {} for field Data: could not convert ${v} to map[string]interface {}`,
      ),
    );
  }
  try {
    // An array becomes a map of its indexes ({"0": …, "1": …}), as goja exports it to map[string]any.
    const json: unknown = JSON.parse(JSON.stringify(Array.isArray(value) ? { ...value } : value));
    return sortedKeys(json) as Record<string, unknown>;
  } catch (error) {
    throw scriptErrors.output(scriptErrors.runtime(errorMessage(error)));
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map((v) => String(v)) : []);

export interface DecodeOutput {
  data: Record<string, unknown>;
  warnings: string[];
}

/** up/decode with FORMATTER_JAVASCRIPT. */
export function runUplinkDecoder(script: string, bytes: Uint8Array, fPort: number): DecodeOutput {
  const result = run(UPLINK(script), { bytes: [...bytes], fPort });
  const decoded = isRecord(result) ? result.decoded : undefined;
  if (decoded !== undefined && decoded !== null && typeof decoded !== 'object') {
    const v = String(decoded);
    throw scriptErrors.output(
      scriptErrors.runtime(
        `could not convert struct value [object Object] to javascript.decodeUplinkOutput for field Decoded: could not convert ${v} to javascript.decodeUplinkOutput`,
      ),
    );
  }
  const out = isRecord(decoded) ? decoded : {};
  const errors = strings(out.errors);
  if (errors.length > 0) {
    throw scriptErrors.outputErrors(errors);
  }
  return {
    data: dataOf(
      out.data,
      'could not convert struct value [object Object] to javascript.decodeUplinkOutput for field Decoded: ',
    ),
    warnings: strings(out.warnings),
  };
}

/** down/decode with FORMATTER_JAVASCRIPT. */
export function runDownlinkDecoder(script: string, bytes: Uint8Array, fPort: number): DecodeOutput {
  const result = run(DOWNLINK_DECODER(script), { bytes: [...bytes], fPort });
  if (result === undefined || result === null) {
    throw scriptErrors.output(scriptErrors.noOutput());
  }
  const out = isRecord(result) ? result : {};
  const errors = strings(out.errors);
  if (errors.length > 0) {
    throw scriptErrors.outputErrors(errors);
  }
  return { data: dataOf(out.data, ''), warnings: strings(out.warnings) };
}

export interface EncodeOutput {
  /** undefined: the script gave no bytes (no frm_payload in the answer). */
  bytes?: Uint8Array;
  /** undefined: the script gave no fPort. */
  fPort?: number;
  warnings: string[];
}

/** A JavaScript number as Go's uint8 conversion leaves it: truncated, wrapped (300 → 44, -1 → 255). */
const uint8 = (value: unknown): number => {
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) & 0xff : 0;
};

/** down/encode with FORMATTER_JAVASCRIPT. */
export function runDownlinkEncoder(script: string, data: Record<string, unknown>, fPort: number): EncodeOutput {
  // goja hands the encoder a Number object, not a number: `typeof input.fPort` is "object" and `=== 2` is false
  // (seen on the real v3.32.1: test/real/formatters.real.ts "encode: input.fPort is a Number object").
  const result = run(DOWNLINK_ENCODER(script), { data, fPort: new Number(fPort) });
  if (result === undefined || result === null) {
    throw scriptErrors.output(scriptErrors.noOutput());
  }
  const out = isRecord(result) ? result : {};
  let bytes: Uint8Array | undefined;
  if (Array.isArray(out.bytes)) {
    bytes = Uint8Array.from(out.bytes.map(uint8));
  } else if (typeof out.bytes === 'string') {
    bytes = new Uint8Array(Buffer.from(out.bytes, 'utf8'));
  } else if (out.bytes !== undefined && out.bytes !== null) {
    const v = String(out.bytes);
    throw scriptErrors.output(
      scriptErrors.runtime(
        `could not convert struct value ${v} to []uint8 for field Bytes: could not convert ${v} to []uint8`,
      ),
    );
  }
  const errors = strings(out.errors);
  if (errors.length > 0) {
    throw scriptErrors.outputErrors(errors);
  }
  return {
    bytes,
    fPort: out.fPort === undefined || out.fPort === null ? undefined : uint8(out.fPort),
    warnings: strings(out.warnings),
  };
}
