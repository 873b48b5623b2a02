// A module loaded on first use and kept (what lazy.js and dist/vendor/ hold, esbuild.mjs): one load, and one wrapped
// module object, however often it is asked for.

/** `load` runs on the first call and its promise is kept; a failed load is tried again on the next call. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
