import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FolderRecord } from '../../src/db/schema';
import type { SampleFileSource } from '../../src/services/analysisQueue';
import { SampleMindError } from '../../src/domain/errors';

/** Reads a library folder's files from a directory on disk (the Node side of FileAccess). */
export class DiskFileSource implements SampleFileSource {
  constructor(private readonly rootFor: (folder: FolderRecord) => string) {}

  async readFile(folder: FolderRecord, path: string): Promise<File> {
    try {
      return new File([await readFile(join(this.rootFor(folder), path))], basename(path));
    } catch {
      throw new SampleMindError('read_failed', `${path} is no longer in ${folder.name}: it was moved or deleted`);
    }
  }
}
