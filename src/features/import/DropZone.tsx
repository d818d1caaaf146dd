import { useEffect, useState } from 'react';
import { carriesSamples } from '../../domain/library/sampleDrag';
import { readDrop } from './readDrop';
import { useImport } from './useImport';

/**
 * Files from outside the window. Rows dragged inside it carry their files too (for the desktop and
 * DAWs), and the app's own sample ids (sampleDrag.ts): those are not an import, or the overlay
 * covered the sidebar's collections they are dropped on and a drop added the files again.
 */
const carriesFiles = (event: DragEvent): boolean => {
  const types = event.dataTransfer?.types;
  return !!types && types.includes('Files') && !carriesSamples(types);
};

/** Lets files and whole folders be dropped anywhere on the window. */
export function DropZone() {
  const [active, setActive] = useState(false);
  const { importSources } = useImport();

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setActive(true);
    };
    const over = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (): void => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const drop = (event: DragEvent): void => {
      if (!event.dataTransfer || !carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setActive(false);
      void readDrop(event.dataTransfer).then(importSources);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importSources]);

  if (!active) return null;
  return (
    <div className="drop-overlay" role="presentation">
      <div className="drop-message">
        <strong>Drop to add to your library</strong>
        <span>Folders are scanned for audio; files stay on this device.</span>
      </div>
    </div>
  );
}
