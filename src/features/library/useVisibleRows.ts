import { useDeferredValue } from 'react';
import type { LibraryRow } from '../../state/libraryStore';
import { selectVisibleRows, useLibraryStore } from '../../state/libraryStore';

/**
 * The list's rows as they should show now. The user's own search, filter or sort shows in the
 * same render (a deferred one waited for a frame to be painted first: ~30 ms more right after a
 * reload). A change of the rows themselves (analysis results arriving in batches during an
 * import) renders as a deferred transition, so that it never holds up input.
 */
export function useVisibleRows(): LibraryRow[] {
  const rows = useLibraryStore((s) => s.rows);
  const deferredRows = useDeferredValue(rows);
  const visible = useLibraryStore(selectVisibleRows);
  const deferredVisible = useDeferredValue(visible);
  return rows === deferredRows ? visible : deferredVisible;
}
