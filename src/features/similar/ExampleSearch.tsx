import { useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import { AUDIO_EXTENSIONS } from '../../domain/audioFormats';
import { useImportStore } from '../../state/importStore';
import { useLibraryStore } from '../../state/libraryStore';

/**
 * Search by example: the user picks an audio file of theirs, the analysis workers compute its
 * sound embedding, and the list shows the samples that sound most like it. The file is only
 * read: it is not imported, stored or sent anywhere.
 */
export function ExampleSearch() {
  const { pool } = useServices();
  const [listening, setListening] = useState(false);
  const search = async (file: File): Promise<void> => {
    const { notify } = useImportStore.getState();
    setListening(true);
    try {
      const outcome = await pool.analyse(file, file.name);
      if (!outcome.ok) notify('error', `${file.name} cannot be used as an example: ${outcome.error.message}`);
      else if (!outcome.embedding) notify('error', `${file.name} is silent: there is no sound to compare.`);
      else useLibraryStore.getState().showSimilarToExample(file.name, outcome.embedding);
    } finally {
      setListening(false);
    }
  };
  return (
    <label className="button example-button" title="Find the samples that sound like an audio file of yours (it is not imported)">
      {listening ? 'Listening…' : 'By sound…'}
      <input
        type="file"
        accept={AUDIO_EXTENSIONS.join(',')}
        className="visually-hidden"
        aria-label="Find by sound: choose an example file"
        disabled={listening}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void search(file);
        }}
      />
    </label>
  );
}
