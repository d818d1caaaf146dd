import { AddFolderButton } from '../import/AddFolderButton';

export function EmptyLibrary() {
  return (
    <div className="empty-library">
      <h2>Your sample library starts here</h2>
      <p>
        Add a folder of samples or drop folders anywhere on this window. SampleMind finds WAV, AIFF, FLAC, MP3, Ogg, Opus and M4A files and
        analyses length, tempo, key and loudness.
      </p>
      <AddFolderButton />
      <p className="privacy">Your files never leave this device: everything is analysed and stored in your browser.</p>
      {/* A returning user on a new machine looks for Restore first; it applies to samples, so the folders come first. */}
      <p className="privacy">
        Moving from another browser? Add the same folders, then use <strong>Restore a backup…</strong> in the sidebar (it appears with your
        first folder) to bring back your tags, ratings and collections.
      </p>
    </div>
  );
}
