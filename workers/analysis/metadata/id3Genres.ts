/** The ID3v1 genre table (0-79, the original list) that numeric ID3 genres refer to. */
const ID3V1_GENRES = (
  'Blues|Classic Rock|Country|Dance|Disco|Funk|Grunge|Hip-Hop|Jazz|Metal|New Age|Oldies|Other|Pop|R&B|Rap|Reggae|Rock|' +
  'Techno|Industrial|Alternative|Ska|Death Metal|Pranks|Soundtrack|Euro-Techno|Ambient|Trip-Hop|Vocal|Jazz+Funk|Fusion|' +
  'Trance|Classical|Instrumental|Acid|House|Game|Sound Clip|Gospel|Noise|Alternative Rock|Bass|Soul|Punk|Space|Meditative|' +
  'Instrumental Pop|Instrumental Rock|Ethnic|Gothic|Darkwave|Techno-Industrial|Electronic|Pop-Folk|Eurodance|Dream|' +
  'Southern Rock|Comedy|Cult|Gangsta|Top 40|Christian Rap|Pop/Funk|Jungle|Native American|Cabaret|New Wave|Psychedelic|' +
  'Rave|Showtunes|Trailer|Lo-Fi|Tribal|Acid Punk|Acid Jazz|Polka|Retro|Musical|Rock & Roll|Hard Rock'
).split('|');

/** "(17)", "17" and "(17)Rock" name genre 17; a text refinement after the reference wins. Other text passes through. */
export function id3Genre(text: string): string {
  const match = /^\((\d+)\)(.*)$/.exec(text) ?? /^(\d+)()$/.exec(text);
  if (!match) return text;
  const refinement = match[2]!.trim();
  return refinement || (ID3V1_GENRES[Number(match[1])] ?? text);
}
