import type { MetadataCollector } from './collector';
import { utf8Text } from './text';

/** iXML's production elements (the iXML spec's simple top-level fields) worth showing by name. */
const LISTED_ELEMENTS = new Set(['PROJECT', 'SCENE', 'TAKE', 'TAPE', 'NOTE', 'CIRCLED', 'WILD_TRACK', 'FILE_UID']);
/** Only the start of a huge chunk is searched: the fields above come first, bulk (track lists, history) later. */
const SEARCHED_CHARS = 64 * 1024;
const MAX_ELEMENTS = 500;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * iXML (location-recording metadata, XML text). No XML parser runs in a worker without a
 * library, and the fields wanted are leaf elements, so a leaf-element scan is enough.
 */
export function readIxml(body: Uint8Array, collector: MetadataCollector): void {
  const xml = utf8Text(body);
  if (xml.length === 0) return;
  collector.ixml(xml);
  const leaf = /<([A-Za-z_][\w.-]*)(?:\s[^>]*)?>([^<]*)<\/\1\s*>/g;
  const searched = xml.slice(0, SEARCHED_CHARS);
  let match: RegExpExecArray | null;
  for (let count = 0; count < MAX_ELEMENTS && (match = leaf.exec(searched)) !== null; count++) {
    const name = match[1]!.toUpperCase();
    const value = unescapeXml(match[2]!).trim();
    if (value.length === 0) continue;
    if (LISTED_ELEMENTS.has(name)) collector.field('ixml', name, value);
    if (name === 'NOTE') collector.text('comment', 'ixml', value);
    // Not in the iXML spec, but DAWs that export musical context name it like this.
    if (/BPM|TEMPO/.test(name)) {
      collector.field('ixml', name, value);
      collector.bpmText('ixml', value);
    } else if (/^(MUSICAL_|INITIAL_?)?KEY$/.test(name)) {
      collector.field('ixml', name, value);
      collector.keyText('ixml', value);
    }
  }
}
