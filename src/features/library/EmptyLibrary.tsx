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
    </div>
  );
}
