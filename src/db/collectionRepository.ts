import { SampleMindError } from '../domain/errors';
import type { CollectionRecord, SampleMindDatabase } from './schema';

/** Hand-picked and smart collections (LibraryRepository.collections). */
export class CollectionRepository {
  constructor(private readonly db: SampleMindDatabase) {}

  list(): Promise<CollectionRecord[]> {
    return this.db.collections.orderBy('name').toArray();
  }

  /** A new hand-picked or smart collection; a name already in use gets a number ("Kicks 2"). */
  async create(name: string, sampleIds: readonly number[], query?: string): Promise<CollectionRecord> {
    return this.db.transaction('rw', this.db.collections, async () => {
      const base = name.trim() || 'Collection';
      let unique = base;
      for (let n = 2; await this.db.collections.where('name').equals(unique).count(); n++) unique = `${base} ${n}`;
      const record: Omit<CollectionRecord, 'id'> = {
        name: unique,
        createdAt: Date.now(),
        sampleIds: [...new Set(sampleIds)],
        ...(query ? { query } : {}),
      };
      const id = await this.db.collections.add(record as CollectionRecord);
      return { ...record, id } as CollectionRecord;
    });
  }

  /** Adds samples to a hand-picked collection (each once, in the order added). */
  async add(collectionId: number, sampleIds: readonly number[]): Promise<CollectionRecord | undefined> {
    return this.db.transaction('rw', this.db.collections, async () => {
      const collection = await this.db.collections.get(collectionId);
      if (!collection) return undefined;
      const updated = { ...collection, sampleIds: [...new Set([...collection.sampleIds, ...sampleIds])] };
      await this.db.collections.put(updated);
      return updated;
    });
  }

  /** Takes samples out of a hand-picked collection (they stay in the library); the others keep their order. */
  async remove(collectionId: number, sampleIds: readonly number[]): Promise<CollectionRecord | undefined> {
    return this.db.transaction('rw', this.db.collections, async () => {
      const collection = await this.db.collections.get(collectionId);
      if (!collection) return undefined;
      const removed = new Set(sampleIds);
      const updated = { ...collection, sampleIds: collection.sampleIds.filter((id) => !removed.has(id)) };
      await this.db.collections.put(updated);
      return updated;
    });
  }

  /**
   * Renames a collection (hand-picked or smart). An empty name, or one another collection has
   * (in any case: "kicks" beside "Kicks" would only confuse), is refused with a SampleMindError.
   */
  async rename(collectionId: number, name: string): Promise<CollectionRecord | undefined> {
    const wanted = name.trim();
    if (!wanted) throw new SampleMindError('name_empty', 'A collection needs a name');
    return this.db.transaction('rw', this.db.collections, async () => {
      const collection = await this.db.collections.get(collectionId);
      if (!collection) return undefined;
      const lower = wanted.toLocaleLowerCase();
      const taken = await this.db.collections.filter((c) => c.id !== collectionId && c.name.toLocaleLowerCase() === lower).first();
      if (taken) throw new SampleMindError('name_taken', `There is already a collection called “${taken.name}”`);
      const updated = { ...collection, name: wanted };
      await this.db.collections.put(updated);
      return updated;
    });
  }

  async delete(collectionId: number): Promise<void> {
    await this.db.collections.delete(collectionId);
  }
}
