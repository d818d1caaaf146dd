import { layoutFromSizes, type EmbeddingLayout } from './embeddingLayout';

/**
 * The built-in sound embedding (docs/decisions/009-sound-embedding.md), computed by the analysis
 * worker from our own features (workers/analysis/embedding.ts):
 *
 * - timbre (29): the 13 MFCC means, and the category model's 256 hidden units (its four
 *   networks: what they learned to tell instruments apart by) projected to 16, each half scaled
 *   to the same weight;
 * - pitch (20): a soft pitch class (12), a soft register (7 octaves) and "unpitched", scaled by
 *   how clearly the sound is pitched, so a pitched sound is nearest to those at the same note;
 * - envelope (10): attack, decays, end level, active share, temporal centroid, crest, early
 *   bursts, decay rate;
 * - rhythm (6): onset rate, count, span, spread over the file, beat-grid salience, tempo candidates;
 * - spectrum (15): centroid, spread, rolloff, flatness, six band energies, flux, and the
 *   centroid and flatness of the attack and of the body.
 *
 * Feature values are standardised (the classifier's own mean and spread) before each slice is
 * scaled to unit length. A new version means stored embeddings are recomputed.
 */
// 3: the classifier was retrained (four networks merged into one), so its hidden units mean something new.
export const SOUND_EMBEDDING_VERSION = 3;

export const SOUND_EMBEDDING_LAYOUT: EmbeddingLayout = layoutFromSizes({ timbre: 29, pitch: 20, envelope: 10, rhythm: 6, spectrum: 15 });

/**
 * "Overall" similarity: timbre counts most (what a producer means by "sounds like"), then the
 * spectrum and envelope; pitch and rhythm a little, so a kick still finds kicks in other keys.
 * On ../shared/corpus this raised precision@10 among one-shots from 54 % (all equal) to 57 %.
 */
export const OVERALL_WEIGHTS = { timbre: 3, spectrum: 1, envelope: 1, pitch: 0.5, rhythm: 0.5 } as const;
