/** What the organising tools need to know of a collection (db/schema's CollectionRecord has these). */
export interface CollectionLike {
  id: number;
  name: string;
  sampleIds: readonly number[];
  /** Set for a smart collection (a saved search), which has no hand-picked members. */
  query?: string | undefined;
}

/** The hand-picked collections a sample is in, in the order given (the sidebar's, by name). */
export function collectionsOf<C extends CollectionLike>(collections: readonly C[], sampleId: number): C[] {
  return collections.filter((c) => !c.query && c.sampleIds.includes(sampleId));
}

/** The ids of `sampleIds` that the collection does not hold yet: what adding them would change. */
export function notYetIn(collection: CollectionLike | undefined, sampleIds: readonly number[]): number[] {
  const members = new Set(collection?.sampleIds ?? []);
  return [...new Set(sampleIds)].filter((id) => !members.has(id));
}

/** What was added where, to say so: the samples' names (one is named, several counted). */
export interface CollectionAdd {
  collectionName: string;
  sampleNames: readonly string[];
  /** How many of them were not in the collection before. */
  added: number;
  created: boolean;
}

const samples = (n: number): string => `${n.toLocaleString('en-US')} sample${n === 1 ? '' : 's'}`;

/**
 * "Added snare 03.wav to “Track X”", "Added 3 samples to “Track X” (1 was in it already)",
 * "snare 03.wav is in “Track X” already", "New collection “Track X” with 3 samples".
 */
export function collectionAddMessage({ collectionName, sampleNames, added, created }: CollectionAdd): string {
  const count = sampleNames.length;
  const what = count === 1 ? sampleNames[0]! : samples(count);
  const where = `“${collectionName}”`;
  if (created) return `New collection ${where} with ${what}`;
  if (added === 0) return count === 1 ? `${what} is in ${where} already` : `These ${what} are in ${where} already`;
  if (added < count) return `Added ${samples(added)} to ${where} (${count - added} ${count - added === 1 ? 'was' : 'were'} in it already)`;
  return `Added ${what} to ${where}`;
}
