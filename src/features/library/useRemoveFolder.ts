import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import type { FolderRecord } from '../../db/schema';
import { toErrorInfo } from '../../domain/errors';
import { formatCount } from '../../domain/format';
import { UNREADABLE_FILES_TOPIC } from '../../domain/progress';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore } from '../../state/libraryStore';

function hasUnreadable(rows: Iterable<{ status: string }>): boolean {
  for (const row of rows) if (row.status === 'failed') return true;
  return false;
}

/**
 * Removes source folders from the library (FolderRemoval) and brings every view in step without
 * a reload: the list and its counts, the folder tree, collections, "more like this", the map, and
 * the player if it was playing one of them. Resolves true when they were removed.
 */
export function useRemoveFolder(): (folders: readonly FolderRecord[], path: string) => Promise<boolean> {
  const { removal, repository, player, map } = useServices();
  return useCallback(
    async (folders, path) => {
      const { notify } = useImportStore.getState();
      try {
        const removed = await removal.removeFolders(folders.map((f) => f.id));
        const gone = new Set(removed.sampleIds);
        const library = useLibraryStore.getState();
        if (library.playingId !== null && gone.has(library.playingId)) player.stop();
        library.removeFolders(removed.folders.map((f) => f.id));
        // "N files could not be read · Show them" would show nothing once those files are gone.
        if (!hasUnreadable(useLibraryStore.getState().rows.values())) useImportStore.getState().dismissTopic(UNREADABLE_FILES_TOPIC);
        if (library.similar?.sampleId != null && gone.has(library.similar.sampleId)) library.showSimilar(null);
        // A folder filter inside what was removed would leave an empty list with no way to see why.
        const folder = library.query.folder;
        if (folder !== null && (folder === path || folder.startsWith(`${path}/`))) library.setQuery({ ...library.query, folder: null });
        if (removed.collectionsChanged) library.setCollections(await repository.collections.list());
        if (map.getState().status === 'ready') void map.refresh();
        const count = removed.sampleIds.length;
        notify(
          'info',
          `Removed “${path}” and its ${formatCount(count)} sample${count === 1 ? '' : 's'} from the library.` +
            (removed.keptWork > 0
              ? ` The tags, ratings, collections… of ${removed.keptWork === 1 ? 'one of them come' : `${formatCount(removed.keptWork)} of them come`} back when you add the folder again.`
              : '') +
            (removed.copiesLeft ? ' Its copies in this browser could not be deleted; they are deleted with the site data.' : ''),
        );
        return true;
      } catch (error) {
        notify('error', `“${path}” was not removed: ${toErrorInfo(error).message}`);
        return false;
      }
    },
    [removal, repository, player, map],
  );
}
