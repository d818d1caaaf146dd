import { useCallback } from 'react';
import { useServices } from '../../app/ServicesContext';
import { useLibraryStore, type LibraryRow } from '../../state/libraryStore';

/** Play a row, or stop: the one place that turns a library row into sound. */
export function useAudition(): { play(row: LibraryRow, fromSeconds?: number): void; stop(): void } {
  const { player, repository, files } = useServices();
  const play = useCallback(
    (row: LibraryRow, fromSeconds = 0) => {
      void player.play(
        {
          key: row.id,
          name: row.name,
          load: async () => {
            const folder = useLibraryStore.getState().folders.get(row.folderId) ?? (await repository.getFolder(row.folderId));
            if (!folder) throw new Error('its folder is no longer in the library');
            return files.readFile(folder, row.relativePath);
          },
        },
        fromSeconds,
      );
    },
    [player, repository, files],
  );
  const stop = useCallback(() => player.stop(), [player]);
  return { play, stop };
}
