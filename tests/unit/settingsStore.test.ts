import { describe, expect, it } from 'vitest';
import { useSettingsStore, validProjectBpm } from '../../src/state/settingsStore';

describe('the project tempo', () => {
  it('keeps only 40-300 BPM, however it is set (a tempo of -64 made the metronome throw)', () => {
    expect(validProjectBpm(120)).toBe(120);
    expect(validProjectBpm(40)).toBe(40);
    expect(validProjectBpm(300)).toBe(300);
    expect(validProjectBpm(-20)).toBeNull();
    expect(validProjectBpm(1000)).toBeNull();
    expect(validProjectBpm('120')).toBeNull();
    useSettingsStore.getState().set({ projectBpm: 124 });
    expect(useSettingsStore.getState().projectBpm).toBe(124);
    useSettingsStore.getState().set({ projectBpm: 1000 });
    expect(useSettingsStore.getState().projectBpm).toBeNull();
  });
});
