// The workbench's application storage, written before it loads: the answers a user gives once (trusted link
// domains, which extension may use which account), since the workbench refuses dialogs under test.
import type { Page } from 'playwright-core';

/** Trust every link domain, as "Manage Trusted Domains" would: openExternal then needs no confirmation. */
export const TRUST_ALL_LINKS = { 'http.linkProtectionTrustedDomains': '["*"]' };

/** Lets an extension use an account of a provider and prefer it, as clicking "Allow" and picking it once would. */
export function allowAccountAccess(
  providerId: string,
  accountLabel: string,
  extensionId: string,
  name: string,
): Record<string, string> {
  return {
    [`${providerId}-${accountLabel}`]: JSON.stringify([{ id: extensionId, name, allowed: true }]),
    [`${extensionId.toLowerCase()}-${providerId}`]: accountLabel,
  };
}

/**
 * Writes entries into the workbench's application storage (IndexedDB `vscode-web-state-db-global`, store
 * `ItemTable`) before it loads: the state a user's earlier clicks would have left, since dialogs are refused in tests.
 */
export async function seedApplicationStorage(
  page: Page,
  serverUrl: string,
  items: Record<string, string>,
): Promise<void> {
  await page.goto(`${serverUrl}/healthz`);
  await page.evaluate(
    (entries) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('vscode-web-state-db-global', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('ItemTable');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('ItemTable', 'readwrite');
          for (const [key, value] of Object.entries(entries)) {
            tx.objectStore('ItemTable').put(value, key);
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    items,
  );
}
