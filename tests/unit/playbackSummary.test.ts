import { describe, expect, it } from 'vitest';
import { playbackSummary } from '../../src/state/playbackStore';

describe('the preview readout', () => {
  it('says what is applied to the preview, leaving out what is neutral', () => {
    expect(playbackSummary({ gainDb: -4, stretch: 0.8, semitones: 5, keepLength: true })).toBe('×0.80 · +5 st · −4.0 dB');
    expect(playbackSummary({ gainDb: 2.5, stretch: 1, semitones: -3, keepLength: false })).toBe('−3 st · +2.5 dB');
    expect(playbackSummary({ gainDb: 0, stretch: 1, semitones: 0, keepLength: true })).toBe('');
    // Worked out from a tempo or key the analysis is unsure of: it says so beside that part.
    expect(playbackSummary({ gainDb: -4, stretch: 0.8, semitones: 5, keepLength: true }, { key: true })).toBe(
      '×0.80 · +5 st (key uncertain) · −4.0 dB',
    );
    expect(playbackSummary({ gainDb: 0, stretch: 1.5, semitones: 0, keepLength: true }, { tempo: true, key: true })).toBe(
      '×1.50 (tempo uncertain)',
    );
  });

  it('names the tempo and key it follows, and the click a loop repeats over', () => {
    const options = { gainDb: 0, stretch: 100 / 172, semitones: 5, keepLength: true, clickBpm: 100 };
    expect(playbackSummary(options, { tempo: true }, { bpm: 100, key: 'C major' })).toBe(
      '×0.58 to 100 BPM (tempo uncertain) · +5 st to C major · looped over the click',
    );
    expect(playbackSummary({ ...options, clickBpm: null }, {}, { bpm: 100, key: null })).toBe('×0.58 to 100 BPM · +5 st');
  });
});
