import { LibraryRepository } from '../db/libraryRepository';
import { SampleMindDatabase } from '../db/schema';
import type { SampleRecord } from '../db/schema';
import { AnalysisPool, createBrowserAnalysisWorker, defaultPoolSize } from '../services/analysisPool';
import { AnalysisQueue } from '../services/analysisQueue';
import { FileAccess } from '../services/fileAccess';
import { Importer } from '../services/importer';
import { Player } from '../services/player';
import { useImportStore } from '../state/importStore';
import { useLibraryStore } from '../state/libraryStore';

export interface AppServices {
  repository: LibraryRepository;
  files: FileAccess;
  pool: AnalysisPool;
  queue: AnalysisQueue;
  importer: Importer;
  player: Player;
}

/** Collects row updates and hands them to the store a few times a second, not per file. */
function batchedUpserts(delayMs: number): (samples: readonly SampleRecord[]) => void {
  let pending: SampleRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (samples) => {
    pending.push(...samples);
    timer ??= setTimeout(() => {
      const batch = pending;
      pending = [];
      timer = undefined;
      useLibraryStore.getState().upsertSamples(batch);
    }, delayMs);
  };
}

/** The composition root: builds every service once and connects their events to the stores. */
export function createAppServices(): AppServices {
  const repository = new LibraryRepository(new SampleMindDatabase());
  const files = new FileAccess();
  const pool = new AnalysisPool({ size: defaultPoolSize(navigator.hardwareConcurrency), createWorker: createBrowserAnalysisWorker });
  const upsert = batchedUpserts(200);
  const imports = useImportStore.getState();
  const queue = new AnalysisQueue(repository, pool, files, {
    onSampleSaved: (sample) => upsert([sample]),
    onProgress: (progress) => useImportStore.getState().setProgress(progress),
  });
  const importer = new Importer(
    repository,
    files,
    {
      onSamplesFound: upsert,
      onFolderAdded: (folder) => useLibraryStore.getState().addFolder(folder),
      onScanProgress: (found, folderName) => useImportStore.getState().setScanning({ folderName, found }),
      onImportError: (message) => imports.notify('error', message),
    },
    () => queue.notifyQueued(),
  );
  const player = new Player((file, name) => pool.decode(file, name), {
    onPlayingChange: (id) => useLibraryStore.getState().setPlaying(id),
    onError: (id, message) => {
      const row = useLibraryStore.getState().rows.get(id);
      useImportStore.getState().notify('error', `${row?.name ?? 'This sample'} cannot be played: ${message}`);
    },
  });
  return { repository, files, pool, queue, importer, player };
}

/** Loads the library into memory, checks folder permissions, and resumes any queued analysis. */
export async function startApp(services: AppServices): Promise<void> {
  const [folders, samples] = await Promise.all([services.repository.listFolders(), services.repository.listSamples()]);
  useLibraryStore.getState().setLoaded(folders, samples);
  for (const folder of folders) {
    if ((await services.files.permission(folder)) !== 'granted') services.queue.blockFolder(folder);
  }
  await services.queue.start();
}
