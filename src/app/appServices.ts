import { AiService } from '../ai/aiService';
import { KeyVault } from '../ai/keyVault';
import { createLazyLocalAi, type LazyLocalAi } from '../ai/localAi';
import { createHttpProvider } from '../ai/providers';
import { AiRepository } from '../db/aiRepository';
import { MapLayoutRepository } from '../db/mapLayoutRepository';
import { SOUND_EMBEDDING_VERSION } from '../domain/similarity/soundEmbedding';
import { BackupRepository } from '../db/backupRepository';
import { LibraryRepository, type LoadedSamples } from '../db/libraryRepository';
import { SampleMindDatabase } from '../db/schema';
import type { SampleRecord } from '../db/schema';
import { AnalysisPool, createBrowserAnalysisWorker, defaultPoolSize } from '../services/analysisPool';
import { storedRunCounter } from '../services/runCounter';
import { usePlaybackStore } from '../state/playbackStore';
import { AnalysisQueue } from '../services/analysisQueue';
import { FileAccess } from '../services/fileAccess';
import { FolderRemoval } from '../services/folderRemoval';
import { UserEditSaver } from '../services/userEditSaver';
import { Importer } from '../services/importer';
import { Player } from '../services/player';
import { AnalysisBackfill } from '../services/analysisBackfill';
import { LibraryMap } from '../services/libraryMap';
import { SimilarityIndex } from '../services/similarity';
import { CLAP_CACHE_NAME } from '../domain/clap/manifest';
import { createLazyClap, type LazyClap } from '../services/clap';
import { ClapLibraryIndex } from '../services/clap/clapLibraryIndex';
import { clickAddFolder } from '../features/import/AddFolderButton';
import { useImportStore } from '../state/importStore';
import { listHintsOf, selectVisibleRows, textIndexContext, useLibraryStore } from '../state/libraryStore';
import { followProjectInFilter, rememberBrowsing, savedBrowsing } from '../state/browseMemory';
import { TextIndex } from '../domain/library/textIndex';
import { EMPTY_QUERY } from '../domain/library/libraryQuery';
import {
  interruptedImportMessage,
  interruptedImportTopic,
  runSummaryMessage,
  UNREADABLE_FILES_TOPIC,
  workBackMessage,
  workBackTopic,
} from '../domain/progress';

export interface AppServices {
  repository: LibraryRepository;
  backup: BackupRepository;
  files: FileAccess;
  pool: AnalysisPool;
  queue: AnalysisQueue;
  importer: Importer;
  /** Saves tags, ratings, favourites and notes in slices, in order (src/services/userEditSaver.ts). */
  edits: UserEditSaver;
  /** "Remove from library" for source folders. */
  removal: FolderRemoval;
  player: Player;
  similarity: SimilarityIndex;
  backfill: AnalysisBackfill;
  map: LibraryMap;
  clap: LazyClap;
  /** Search by words over the library, once the CLAP model is installed. */
  words: ClapLibraryIndex;
  /** The AI layer: providers, routing, budget, keys and the request log (docs/AI.md). */
  ai: AiService;
  /** The in-browser model (WebLLM): loads its code only when asked. */
  localAi: LazyLocalAi;
}

/**
 * "Show them" after a run with failures: only the files that could not be read, as a chip that
 * gives the library back (sorting by status instead changed the list's sort for good), the first
 * one open.
 */
function showFailedFirst(): void {
  const library = useLibraryStore.getState();
  library.showSimilar(null);
  library.showCollection(null);
  library.setQuery({ ...EMPTY_QUERY, unreadable: true });
  // The first the list shows (the store's own order is the order files were added).
  const first = selectVisibleRows(useLibraryStore.getState())[0];
  if (first) library.select(first.id);
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

/**
 * Saves a new list snapshot of the samples just loaded, a few seconds after the list is up, 5,000
 * records per task (encoding 100k takes a few hundred ms), so the next reload reads one value.
 */
function saveListSnapshotLater(repository: LibraryRepository, loaded: LoadedSamples): void {
  const rows = useLibraryStore.getState().rows;
  // A task boundary between slices lets input and rendering in. (Idle callbacks were tried: on a
  // busy page they can wait their full timeout per slice, and the snapshot took minutes.)
  const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  setTimeout(() => {
    // The sort orders and text index of the rows as loaded (if the list still shows exactly
    // those), so that the first sort or search after the next reload has nothing to build.
    listHintsOf(rows, yieldToPage)
      .then((hints) => repository.saveListSnapshot(loaded.samples, loaded.stamp, hints, yieldToPage))
      .catch((error: unknown) => {
        console.warn('The list snapshot was not saved; the next reload reads every sample instead.', error);
      });
  }, 3000);
}

/** The composition root: builds every service once and connects their events to the stores. */
export function createAppServices(): AppServices {
  const db = new SampleMindDatabase();
  const repository = new LibraryRepository(db);
  const backup = new BackupRepository(db);
  const files = new FileAccess();
  const pool = new AnalysisPool({ size: defaultPoolSize(navigator.hardwareConcurrency), createWorker: createBrowserAnalysisWorker });
  const upsert = batchedUpserts(200);
  const similarity = new SimilarityIndex(repository);
  const imports = useImportStore.getState();
  const queue = new AnalysisQueue(
    repository,
    pool,
    files,
    {
      onSampleSaved: (sample, embedding) => {
        upsert([sample]);
        similarity.update(sample.id, embedding);
      },
      onProgress: (progress) => useImportStore.getState().setProgress(progress),
      onRunFinished: (summary) => {
        if (summary.failed === 0) return;
        // The progress line's "could not be read" goes with it: this stays until dismissed.
        useImportStore
          .getState()
          .notify('error', runSummaryMessage(summary), { label: 'Show them', run: () => showFailedFirst() }, UNREADABLE_FILES_TOPIC);
      },
    },
    { runCounter: storedRunCounter() },
  );
  /** Samples given their work back per folder added again, for the one notice that counts them. */
  const workBack = new Map<string, number>();
  const importer = new Importer(
    repository,
    files,
    {
      onSamplesFound: upsert,
      onFolderAdded: (folder) => useLibraryStore.getState().addFolder(folder),
      onScanProgress: (found, folderName, expected) =>
        useImportStore.getState().setScanning({ folderName, found, ...(expected === undefined ? {} : { expected }) }),
      onImportError: (message) => imports.notify('error', message),
      onUserWorkBack: (folderName, samples, collectionsChanged) => {
        if (collectionsChanged) void repository.collections.list().then((list) => useLibraryStore.getState().setCollections(list));
        const total = (workBack.get(folderName) ?? 0) + samples;
        workBack.set(folderName, total);
        imports.dismissTopic(workBackTopic(folderName));
        imports.notify('info', workBackMessage(folderName, total), undefined, workBackTopic(folderName));
      },
    },
    queue,
  );
  const player = new Player((file, name) => pool.decode(file, name), {
    onPlayingChange: (id) => {
      useLibraryStore.getState().setPlaying(id);
      usePlaybackStore.getState().set(id === null ? null : player.playback);
    },
    onError: (id, message) => {
      const row = useLibraryStore.getState().rows.get(id);
      useImportStore.getState().notify('error', `${row?.name ?? 'This sample'} cannot be played: ${message}`);
    },
  });
  const backfill = new AnalysisBackfill(
    repository,
    pool,
    files,
    similarity,
    (progress) => useImportStore.getState().setBackfill(progress),
    (sample) => upsert([sample]),
  );
  const clap = createLazyClap();
  const mapLayouts = new MapLayoutRepository(db);
  const aiStore = new AiRepository(db);
  const localAi = createLazyLocalAi();
  const ai = new AiService({
    store: aiStore,
    vault: new KeyVault(aiStore),
    createProvider: (id, connection) => (id === 'webllm' ? localAi.provider() : createHttpProvider({ id, ...connection })),
    webLlmReady: () => localAi.ready,
  });
  localAi.onChange(() => ai.changed());
  const words = new ClapLibraryIndex(repository, pool, files, clap, (progress) => useImportStore.getState().setWordIndex(progress));
  return {
    repository,
    backup,
    files,
    pool,
    queue,
    importer,
    edits: new UserEditSaver(repository, (saving) => useImportStore.getState().setSaving(saving)),
    removal: new FolderRemoval({ repository, files, queue, importer, similarity, words }),
    player,
    similarity,
    backfill,
    map: new LibraryMap(similarity, undefined, {
      load: () => mapLayouts.load(SOUND_EMBEDDING_VERSION),
      save: (layout) => mapLayouts.save(layout, SOUND_EMBEDDING_VERSION),
    }),
    clap,
    words,
    ai,
    localAi,
  };
}

/** Loads the library into memory, checks folder permissions, and resumes any queued analysis. */
export async function startApp(services: AppServices): Promise<void> {
  void services.ai
    .load()
    .then(() => {
      // Only someone who turned local AI on pays for loading web-llm to check its model.
      const local = services.ai.settings.providers.find((p) => p.id === 'webllm');
      if (local?.enabled) return services.localAi.refresh(local.model);
    })
    .catch((error: unknown) => console.warn('AI settings could not be read; AI stays off.', error));
  const [folders, loaded, collections] = await Promise.all([
    services.repository.listFolders(),
    services.repository.loadSamples(),
    services.repository.collections.list(),
  ]);
  // The list opens filtered and sorted as it was left (before it first shows, so it does not flash unfiltered).
  useLibraryStore.setState(savedBrowsing(collections));
  rememberBrowsing();
  followProjectInFilter();
  useLibraryStore.getState().setLoaded(folders, loaded.samples, collections, loaded.hints, loaded.changedIds);
  // The audio engine loads once the list is up and the page idle, ahead of the first audition.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void services.player.warmUp(), { timeout: 3000 });
  else void services.player.warmUp();
  // Saved again after any change (its sort orders no longer apply), and once for a snapshot
  // saved before all the hints were kept.
  const { hints } = loaded;
  const complete =
    loaded.fromSnapshot &&
    loaded.changed === 0 &&
    !!hints.columnOrders &&
    !!hints.columnRuns &&
    TextIndex.canRestore(hints.textIndex, textIndexContext(folders));
  if (loaded.samples.length > 0 && !complete) {
    saveListSnapshotLater(services.repository, loaded);
  }
  const interrupted: { message: string; topic: string }[] = [];
  const heldByFolder = new Map<number, number>();
  for (const sample of loaded.samples) heldByFolder.set(sample.folderId, (heldByFolder.get(sample.folderId) ?? 0) + 1);
  for (const folder of folders) {
    const granted = (await services.files.permission(folder)) === 'granted';
    if (!granted) services.queue.blockFolder(folder);
    if (folder.scan !== 'scanning') continue;
    // The last session closed mid-scan. A folder read in place is simply scanned again (known
    // files are skipped); files handed over by an input or a drop are gone with that page.
    if (folder.source === 'handle' && folder.handle && granted) void services.importer.importDirectoryHandle(folder.handle);
    else {
      const message = interruptedImportMessage(folder.name, heldByFolder.get(folder.id) ?? 0, folder.expected);
      interrupted.push({ message, topic: interruptedImportTopic(folder.id) });
    }
  }
  for (const { message, topic } of interrupted) {
    useImportStore.getState().notify('error', message, { label: 'Add folder…', run: clickAddFolder }, topic);
  }
  await services.queue.start();
  // Samples an earlier version analysed are brought up to date in the background, once the page has settled.
  setTimeout(() => void services.backfill.run(), 5000);
  void wakeInstalledClap(services.clap);
}

/**
 * Where the user installed the optional CLAP model (its cache exists), its manager starts so the
 * search box knows search by words is there; nothing of it loads for anyone else.
 */
async function wakeInstalledClap(clap: LazyClap): Promise<void> {
  if (typeof caches === 'undefined' || !(await caches.has(CLAP_CACHE_NAME))) return;
  const { model } = await clap.ready();
  await model.start();
}
