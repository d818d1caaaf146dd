/**
 * Adds `value` to the list kept under `key`, making the list on first use. Pushed, not copied: a
 * copy per value made grouping 70,000 samples by folder quadratic (5.6 s).
 */
export function pushTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
