// Formatters: the check before upload (size + syntax + entry function, src/formatters/syntax.ts) of a script at the
// server's limit (40,960 bytes). Warm: the median of repeated checks in this process, as while typing. Cold: the
// first check in a new process (parser loaded, its code not yet optimised), as the first diagnostics in a window.
import { execFileSync } from 'node:child_process';
import { MAX_SCRIPT_BYTES } from '../src/formatters/checks';
import { checkScript } from '../src/formatters/syntax';
import { median, type Result } from './setup';

/**
 * A decoder like the Device Repository's larger ones, padded to exactly the byte limit. Its first line mentions
 * console, so the check takes its slowest path (the walk over the whole tree).
 */
export function scriptAtLimit(): string {
  const head =
    '// no console on the server\nfunction decodeUplink(input) {\n  var bytes = input.bytes;\n  var data = {};\n  switch (input.fPort) {\n';
  const tail =
    '    default:\n      return { errors: ["unknown FPort " + input.fPort] };\n  }\n  return { data: data };\n}\n';
  let body = '';
  for (let port = 1; ; port++) {
    const block =
      `    case ${port}: {\n` +
      `      var t${port} = ((bytes[0] << 8) | bytes[1]) / 10;\n` +
      `      data.temperature_${port} = t${port} > 3276.7 ? t${port} - 6553.6 : t${port};\n` +
      `      data.flags_${port} = { open: (bytes[2] & 0x01) === 1, alarm: (bytes[2] >> 1) & 1, list: [1, 2, 3].map(function (x) { return x * ${port}; }) };\n` +
      `      data.label_${port} = "sensor " + String(bytes[3] ?? 0);\n` +
      `      break;\n    }\n`;
    if (Buffer.byteLength(head + body + block + tail) > MAX_SCRIPT_BYTES) {
      break;
    }
    body += block;
  }
  const script = head + body + tail;
  return `${script}// ${'x'.repeat(MAX_SCRIPT_BYTES - Buffer.byteLength(script) - 4)}\n`;
}

function checkOnce(script: string): number {
  const start = process.hrtime.bigint();
  const problems = checkScript(script, 'up');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (problems.length) {
    throw new Error(`the bench script should check clean: ${problems.map((p) => p.message).join('; ')}`);
  }
  return ms;
}

export function measureFormatters(runs = 30, processes = 5): Result[] {
  const script = scriptAtLimit();
  const bytes = Buffer.byteLength(script);
  if (bytes !== MAX_SCRIPT_BYTES) {
    throw new Error(`the bench script has ${bytes} bytes, not ${MAX_SCRIPT_BYTES}`);
  }
  checkOnce(script); // the first run in this process is the cold figure below
  const warm = Array.from({ length: runs }, () => checkOnce(script));
  const cold = Array.from({ length: processes }, () =>
    Number(execFileSync(process.execPath, [...process.execArgv, __filename, '--sample'], { encoding: 'utf8' })),
  );
  return [
    {
      name: `formatters: check of a ${(bytes / 1024).toFixed(0)} KB script (size + syntax), median of ${runs}`,
      value: Math.round(median(warm) * 100) / 100,
      unit: 'ms',
      goal: '< 50 ms',
      pass: median(warm) < 50,
      note: `${Math.min(...warm).toFixed(1)}–${Math.max(...warm).toFixed(1)} ms`,
    },
    {
      name: `formatters: first check in a new process (cold code), median of ${processes}`,
      value: Math.round(median(cold) * 100) / 100,
      unit: 'ms',
      note: `${Math.min(...cold).toFixed(1)}–${Math.max(...cold).toFixed(1)} ms; no goal: once per window`,
    },
  ];
}

if (process.argv.includes('--sample')) {
  process.stdout.write(String(checkOnce(scriptAtLimit())));
}
