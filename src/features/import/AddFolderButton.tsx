import { useRef } from 'react';
import { AUDIO_EXTENSIONS } from '../../domain/audioFormats';
import { sourcesFromFileList } from './readDrop';
import { hasDirectoryPicker, useImport } from './useImport';

/**
 * Opens the folder picker as "Add folder" does, from another button's click (a notice's): the
 * picker needs that click's user activation, so it must run within it.
 */
export function clickAddFolder(): void {
  document.querySelector<HTMLButtonElement>('button[data-add-folder]')?.click();
}

/**
 * "Add folder": the File System Access picker where the browser has one (files are read in
 * place), else a directory <input> whose files are copied into the origin's private storage.
 */
export function AddFolderButton() {
  const input = useRef<HTMLInputElement>(null);
  const { importSources, pickDirectory } = useImport();

  const onClick = async (): Promise<void> => {
    if (!hasDirectoryPicker()) {
      input.current?.click();
      return;
    }
    const handle = await pickDirectory();
    if (handle) await importSources([{ kind: 'handle', handle }]);
  };

  return (
    <>
      <button type="button" className="button primary" data-add-folder onClick={() => void onClick()}>
        Add folder
      </button>
      <input
        ref={input}
        type="file"
        data-testid="folder-input"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        multiple
        accept={AUDIO_EXTENSIONS.join(',')}
        // webkitdirectory is not in React's types; it makes the input pick folders.
        {...{ webkitdirectory: '' }}
        onChange={(event) => {
          const files = event.currentTarget.files;
          if (files && files.length > 0) void importSources(sourcesFromFileList(files));
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}
