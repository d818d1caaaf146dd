import type { ValueSource } from '../../domain/analysis';
import type { EmbeddedMetadata, MetadataSource } from '../../domain/metadata';
import { spellKeyTonic } from '../../domain/music/pitch';

/** Where a value came from, as "from the …" reads it. */
export const SOURCE_NAMES: Record<ValueSource, string> = {
  acid: 'ACID chunk',
  smpl: 'sampler chunk',
  inst: 'instrument chunk',
  bext: 'Broadcast WAV',
  info: 'RIFF INFO',
  ixml: 'iXML',
  id3: 'ID3 tag',
  'aiff-text': 'AIFF text',
  vorbis: 'Vorbis comment',
  'file-name': 'file name',
};

const TEXT_FIELDS = [
  ['title', 'Title'],
  ['artist', 'Artist'],
  ['album', 'Album'],
  ['genre', 'Genre'],
  ['description', 'Description'],
  ['comment', 'Comment'],
  ['originator', 'Made with'],
  ['software', 'Software'],
  ['date', 'Date'],
  ['copyright', 'Copyright'],
] as const;

/** What the file says about itself (tags and chunks), each value with where it was read. */
export function EmbeddedInfo({ embedded }: { embedded: EmbeddedMetadata | null | undefined }) {
  if (!embedded) return null;
  const lines: { label: string; value: string; source: MetadataSource }[] = [];
  for (const [field, label] of TEXT_FIELDS) {
    const entry = embedded[field];
    if (entry?.value) lines.push({ label, value: entry.value, source: entry.source });
  }
  if (embedded.bpm) lines.push({ label: 'Tempo', value: `${embedded.bpm.value} BPM`, source: embedded.bpm.source });
  if (embedded.key)
    lines.push({
      label: 'Key',
      // A bare tonic (an ACID root note) is a note, spelled as notes are; with a scale it is a key.
      value: embedded.key.scale ? `${spellKeyTonic(embedded.key.tonic, embedded.key.scale)} ${embedded.key.scale}` : embedded.key.tonic,
      source: embedded.key.source,
    });
  if (embedded.beats) lines.push({ label: 'Beats', value: String(embedded.beats.value), source: embedded.beats.source });
  if (lines.length === 0) return null;
  return (
    <section className="embedded" aria-label="Metadata in the file">
      <h3 className="field-label">In the file</h3>
      <dl>
        {lines.map((line) => (
          <div key={line.label} className="embedded-line">
            <dt>{line.label}</dt>
            <dd>
              {line.value} <span className="confidence">· {SOURCE_NAMES[line.source]}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
