/** What handling a page's items one at a time did: items that changed something, items that failed. */
export interface ItemCounts {
  changed: number;
  failed: number;
}

/**
 * Handles `items` one at a time: `handle` says whether the item changed something; one that throws is
 * counted failed and given to `failed` (to log it, and to say when to read it again), without stopping
 * the others. The one per-item loop of the marketplace feeds and scans.
 */
export async function eachItem<Item>(
  items: Item[],
  handle: (item: Item) => Promise<boolean>,
  failed: (item: Item, reason: string) => void,
): Promise<ItemCounts> {
  const counts: ItemCounts = { changed: 0, failed: 0 };
  for (const item of items) {
    try {
      if (await handle(item)) counts.changed += 1;
    } catch (error) {
      counts.failed += 1;
      failed(item, error instanceof Error ? error.message : String(error));
    }
  }
  return counts;
}
