/**
 * Asks the browser to keep the library's storage (IndexedDB and the copied files) under disk
 * pressure. Without it the origin is "best effort": the browser may evict the whole library,
 * copies of folders the user no longer has included. Chromium decides without asking (engagement,
 * an installed app); Firefox asks the user. Asked when a folder is added, which is when there is
 * something to lose; the answer is not needed, so failures are ignored.
 */
export async function askToKeepStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  if (!storage?.persist || !storage.persisted) return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}
