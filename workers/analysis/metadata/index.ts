import type { AudioFormat } from '../../../src/domain/audioFormats';
import type { EmbeddedMetadata } from '../../../src/domain/metadata';
import { id3v2Length } from '../sniff';
import { readAiffMetadata } from './aiff';
import { MetadataCollector } from './collector';
import { readId3v1, readId3v2 } from './id3';
import { readRiffMetadata } from './riff';
import { readFlacMetadata, readOggMetadata } from './vorbis';

/**
 * Reads the metadata producers' tools embed in a file (ACID, smpl, BWF, RIFF INFO, iXML, AIFF
 * INST and text chunks, ID3v1/v2, Vorbis comments). Only headers and tag blocks are touched,
 * never the audio. Never throws: damaged input gives what could be read; null when nothing was.
 */
export function readEmbeddedMetadata(bytes: Uint8Array, format: AudioFormat): EmbeddedMetadata | null {
  const collector = new MetadataCollector();
  try {
    switch (format) {
      case 'wav':
        readRiffMetadata(bytes, collector);
        break;
      case 'aiff':
        readAiffMetadata(bytes, collector);
        break;
      case 'mp3':
        readId3v2(bytes, collector);
        readId3v1(bytes, collector);
        break;
      case 'flac':
        readId3v2(bytes, collector);
        readFlacMetadata(bytes, id3v2Length(bytes), collector);
        break;
      case 'ogg':
      case 'opus':
        readOggMetadata(bytes, collector);
        break;
      case 'm4a':
        break; // iTunes atoms: not read yet
    }
  } catch {
    // The readers check their bounds; this net keeps a missed case from failing the analysis.
  }
  return collector.result();
}
