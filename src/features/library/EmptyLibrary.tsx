import { useEffect, useState } from 'react';
import { useServices } from '../../app/ServicesContext';
import { AddFolderButton } from '../import/AddFolderButton';

export function EmptyLibrary() {
  const { repository } = useServices();
  // After the last folder was removed the screen looked as if the work on it were lost.
  const [kept, setKept] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void repository.keptWorkFolders().then((names) => live && setKept(names));
    return () => {
      live = false;
    };
  }, [repository]);
  return (
    <div className="empty-library">
      <h2>Your sample library starts here</h2>
      <p>
        Add a folder of samples or drop folders anywhere on this window. SampleMind finds WAV, AIFF, FLAC, MP3, Ogg, Opus and M4A files and
        analyses length, tempo, key and loudness.
      </p>
      <AddFolderButton />
      {kept.length > 0 && (
        <p className="privacy" data-testid="kept-work">
          The tags, ratings, favourites, notes and collections of the samples in {kept.map((name) => `“${name}”`).join(', ')} are kept: add{' '}
          {kept.length === 1 ? 'that folder' : 'those folders'} again and they come back.
        </p>
      )}
      <p className="privacy">Your files never leave this device: everything is analysed and stored in your browser.</p>
      {/* A returning user on a new machine looks for Restore first; it applies to samples, so the folders come first. */}
      <p className="privacy">
        Moving from another browser? Add the same folders, then use <strong>Restore a backup…</strong> in the sidebar (it appears with your
        first folder) to bring back your tags, ratings and collections.
      </p>
    </div>
  );
}
