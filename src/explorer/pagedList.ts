// One server list as the explorer shows it: pages fetched on demand ("Load more"), the total from X-Total-Count,
// and the last error kept beside the items already loaded so a failed page can be retried.
import type { Page } from '../tts/paging';

export type PageFetcher<T> = (page: number, limit: number, signal: AbortSignal) => Promise<Page<T>>;

export class PagedList<T> {
  items: T[] = [];
  total: number | undefined;
  error: unknown;
  private nextPage = 1;
  private done = false;
  private started = false;
  private limit: number;
  private loading: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    limit: number,
  ) {
    // Fixed for the list's life: page N only means the same thing while the size does not change.
    this.limit = Math.max(1, Math.min(1000, Math.floor(limit)));
  }

  get hasMore(): boolean {
    return this.started && !this.done;
  }

  get pageSize(): number {
    return this.limit;
  }

  /** Loads the first page once. */
  async ensure(): Promise<void> {
    if (!this.started) {
      await this.loadMore();
    } else if (this.loading) {
      await this.loading;
    }
  }

  /** Fetches the next page (or retries the one that failed); concurrent calls share one request. */
  loadMore(): Promise<void> {
    if (this.loading) {
      return this.loading;
    }
    if (this.started && this.done) {
      return Promise.resolve();
    }
    this.started = true;
    this.loading = this.fetchPage(this.nextPage, this.limit, this.abort.signal)
      .then((page) => {
        this.error = undefined;
        this.items.push(...page.items);
        this.total = page.total;
        this.nextPage++;
        this.done = page.items.length < this.limit || (page.total !== undefined && this.items.length >= page.total);
      })
      .catch((error: unknown) => {
        this.error = error;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Stops a request in flight; the list is thrown away after this. */
  dispose(): void {
    this.abort.abort();
  }

  /** Thrown away (a refresh dropped it): what it loaded, or failed to load, no longer counts. */
  get disposed(): boolean {
    return this.abort.signal.aborted;
  }
}
