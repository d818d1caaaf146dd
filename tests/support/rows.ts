import type { AudioDescriptors } from '../../src/domain/analysis';
import type { SampleRow } from '../../src/domain/library/sampleQuery';

/** Descriptors with neutral defaults, overridden where a test cares. */
export const analysis = (over: Partial<AudioDescriptors>): AudioDescriptors => ({
  format: 'wav',
  duration: 1,
  sampleRate: 44100,
  channels: 2,
  peakDbfs: -1,
  loudnessLufs: -14,
  kind: 'one-shot',
  kindConfidence: null,
  category: null,
  categoryConfidence: null,
  bpm: null,
  bpmConfidence: null,
  key: null,
  scale: null,
  keyConfidence: null,
  rootMidi: null,
  rootConfidence: null,
  ...over,
});

/** An 8 s melodic loop read at 60 BPM in C major, with middling confidence: what tags and names may correct. */
export const melodicLoop = analysis({
  kind: 'loop',
  category: 'keys',
  duration: 8,
  bpm: 60,
  bpmConfidence: 0.5,
  key: 'C',
  scale: 'major',
  keyConfidence: 0.6,
});

export const row = (
  id: number,
  path: string,
  over: Partial<AudioDescriptors> | null,
  user: Partial<Pick<SampleRow, 'tags' | 'favourite' | 'rating' | 'status'>> = {},
): SampleRow => ({
  id,
  path,
  name: path.split('/').pop()!,
  dir: path.split('/').slice(0, -1).join('/'),
  status: user.status ?? 'done',
  analysis: over ? analysis(over) : null,
  tags: user.tags ?? [],
  favourite: user.favourite ?? false,
  rating: user.rating ?? 0,
});
