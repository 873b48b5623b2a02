// `thingsStack.events.bufferSize`: how many live events a stream keeps. VS Code does not enforce a setting's
// minimum and maximum at run time, so the value is checked here: 0 would be no buffer at all (the ring buffer throws
// a RangeError), a huge one grows memory without bound. Out of range or not a whole number: the default, and why.

/** The range package.json declares for the setting. */
export const BUFFER_SIZE = { min: 100, max: 100_000, default: 2000 } as const;

const n = (value: number): string => value.toLocaleString('en-US');

export function checkBufferSize(value: unknown): { size: number; problem?: string } {
  if (value === undefined) {
    return { size: BUFFER_SIZE.default };
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= BUFFER_SIZE.min && value <= BUFFER_SIZE.max) {
    return { size: value };
  }
  const shown = typeof value === 'number' ? n(value) : (JSON.stringify(value)?.slice(0, 40) ?? String(value));
  return {
    size: BUFFER_SIZE.default,
    problem:
      `The setting thingsStack.events.bufferSize must be a whole number from ${n(BUFFER_SIZE.min)} to ` +
      `${n(BUFFER_SIZE.max)} (it is ${shown}); live events keep the last ${n(BUFFER_SIZE.default)} instead.`,
  };
}
