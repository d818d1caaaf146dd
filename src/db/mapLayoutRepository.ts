import type { MapLayout } from '../domain/map/mapLayout';
import type { SampleMindDatabase } from './schema';

/** The library map's last layout, one row: read when the map first opens after a reload, written after each change. */
export class MapLayoutRepository {
  constructor(private readonly db: SampleMindDatabase) {}

  async load(embeddingVersion: number): Promise<MapLayout | undefined> {
    const saved = await this.db.mapLayouts.get('map');
    return saved && saved.embeddingVersion === embeddingVersion ? saved.layout : undefined;
  }

  async save(layout: MapLayout, embeddingVersion: number): Promise<void> {
    await this.db.mapLayouts.put({ name: 'map', embeddingVersion, layout, savedAt: Date.now() });
  }
}
