/** Every keyboard shortcut, as the help overlay lists them. The handlers live in useLibraryShortcuts. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: string }> = [
  { keys: ['↑', '↓'], action: 'Select the previous / next sample and play it' },
  { keys: ['Shift', '↑ ↓'], action: 'Extend the selection' },
  { keys: ['Home', 'End'], action: 'Jump to the first / last sample and play it' },
  { keys: ['Space'], action: 'Play or stop' },
  { keys: ['←', '→'], action: 'Seek back / forward while playing' },
  { keys: ['Enter'], action: 'Open the details (tags, rating, note)' },
  { keys: ['F'], action: 'Favourite / unfavourite the selection' },
  { keys: ['1 … 5'], action: 'Rate the selection; 0 clears the rating' },
  { keys: ['T'], action: 'Add tags to the selection' },
  { keys: ['Ctrl', 'A'], action: 'Select every sample in the list' },
  { keys: ['Ctrl', 'Z'], action: 'Undo the last bulk edit' },
  { keys: ['M'], action: 'More like this: the samples that sound most like the selected one' },
  { keys: ['Esc'], action: 'Clear the selection, close "more like this" or this help' },
  { keys: ['/'], action: 'Search' },
  { keys: ['L'], action: 'Level-matched preview on / off' },
  { keys: ['?'], action: 'Show this help' },
];
