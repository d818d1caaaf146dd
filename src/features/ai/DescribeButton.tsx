import { lazy, Suspense, useCallback, useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
import type { LibraryRow } from '../../state/libraryStore';

// The proposals dialog (and the AI task code) loads when first opened.
const DescribeDialog = lazy(() => import('./DescribeDialog').then((m) => ({ default: m.DescribeDialog })));

/** Opens the tag and description proposals for `rows` (reviewed, then applied as one undoable edit). */
export function DescribeButton({ rows, label, title }: { rows: readonly LibraryRow[]; label: string; title?: string }) {
  const [describing, setDescribing] = useState<readonly LibraryRow[] | null>(null);
  const close = useCallback(() => setDescribing(null), []);
  return (
    <>
      <button type="button" className="button" title={title} onClick={() => setDescribing(rows)}>
        {label}
      </button>
      {describing && (
        <ModalDialog title="Suggested tags and descriptions" titleId="describe-title" className="describe-dialog" onClose={close}>
          <Suspense fallback={<p>Loading…</p>}>
            <DescribeDialog rows={describing} onClose={close} />
          </Suspense>
        </ModalDialog>
      )}
    </>
  );
}
