// Something loaded on first use and kept: the chunks of the build (esbuild.mjs) that activation does not load.

/** `load` runs on the first call and its promise is kept; a failed load is tried again on the next call. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
