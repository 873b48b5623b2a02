// A seeded pseudo-random generator (mulberry32) and an event-loop-turn wait, for randomised tests that must be
// reproducible from their printed seed and must not depend on wall-clock time.

/** Numbers in [0, 1) from a 32-bit seed; the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Waits `n` event-loop turns (setImmediate): ordered against MemorySecrets.delayTurns, not against the clock. */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
