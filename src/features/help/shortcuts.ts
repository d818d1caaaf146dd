/** Every keyboard shortcut, as the help overlay lists them. The handlers live in useLibraryShortcuts. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: string }> = [
  { keys: ['↑', '↓'], action: 'Select the previous / next sample and play it (on the map: the nearest sound above / below)' },
  { keys: ['Shift', '↑ ↓'], action: 'Extend the selection' },
  { keys: ['Home', 'End'], action: 'Jump to the first / last sample and play it' },
  { keys: ['Space'], action: 'Play or stop' },
  {
    keys: ['←', '→'],
    action: 'Seek back / forward a tenth of the sample, playing from there (on the map: the nearest sound to the left / right)',
  },
  { keys: ['Enter'], action: 'Open the details (tags, rating, note)' },
  { keys: ['F'], action: 'Favourite / unfavourite the selection' },
  { keys: ['1 … 5'], action: 'Rate the selection; 0 clears the rating' },
  { keys: ['T'], action: 'Add tags to the selection (Enter adds them, Esc goes back without)' },
  {
    keys: ['C'],
    action: 'Add the selection to a collection: Space opens the list, ↑ ↓ choose, Enter adds (“New collection…” asks for a name)',
  },
  { keys: ['Ctrl', 'A'], action: 'Select every sample in the list' },
  { keys: ['Ctrl', 'Z'], action: 'Undo bulk edits, the last first (up to 20)' },
  { keys: ['M'], action: 'More like this: the samples that sound most like the selected one' },
  { keys: ['Esc'], action: 'Clear the selection, close "more like this" or this help' },
  { keys: ['/'], action: 'Search' },
  { keys: ['F2'], action: 'Rename the collection that has the focus in the sidebar' },
  { keys: ['L'], action: 'Level-matched preview on / off' },
  { keys: ['S'], action: 'Sync tempo on / off: loops play stretched to the project tempo' },
  { keys: ['K'], action: 'Sync key on / off: melodic samples play in the project key' },
  { keys: ['B'], action: 'Metronome on / off: loops repeat over a click at the project tempo (with Sync tempo)' },
  { keys: ['?'], action: 'Show this help' },
];

/** What the mouse and the top bar do for auditioning, listed under the keys. */
export const AUDITION_TIPS: readonly string[] = [
  'Click the waveform to play from that point.',
  'Set the project tempo and key in the top bar: Sync tempo plays loops stretched to the tempo, Sync key moves melodic samples to the key (a minor loop in a major project to its relative minor).',
  '♩ (with Sync tempo on) loops the preview over a click at the project tempo, whole bars only.',
  'Level match plays every sample at about the same loudness; quiet samples are raised only as far as their peaks allow.',
];
