import { useEffect } from 'react';
import { useServices } from '../../app/ServicesContext';
import { followPointerFocus, handsArrowsToList, isClickedControl, isTyping } from '../../components/keyTargets';
import { useImportStore } from '../../state/importStore';
import { selectedRows, selectVisibleRows, useLibraryStore } from '../../state/libraryStore';
import { useSettingsStore } from '../../state/settingsStore';
import { useOrganise } from '../organise/useOrganise';
import { showMoreLikeThis } from '../similar/showMoreLikeThis';
import { useAudition } from './useAudition';

/**
 * Ctrl/Cmd+Z in an empty text field (the bulk tag box just after Enter added its tags): the field
 * has nothing of its own to undo, so it undoes the last bulk edit, the one the user reaches for.
 */
function isUndoInEmptyField(event: KeyboardEvent): boolean {
  const el = event.target as HTMLElement | null;
  const empty = (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value === '';
  return empty && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
}

/**
 * ↓ in the search box (data-arrow-to-list) goes on to the list in the same press: it selects the
 * first result, or the next where the selection is among them. It used only to leave the box.
 */
function isArrowIntoList(event: KeyboardEvent): boolean {
  return event.key === 'ArrowDown' && !event.shiftKey && handsArrowsToList(event.target);
}

/** A focused button, link or disclosure: Enter and Space are its to handle (press it), not the library's. */
function isControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY' || el.getAttribute('role') === 'button');
}

/** A modal dialog (help, settings, AI, duplicates...) has the keyboard: nothing behind it changes. */
const modalOpen = (): boolean => document.querySelector('[aria-modal="true"]') !== null;

/** Seconds one arrow press seeks: a tenth of the sample, at least a quarter second. */
const seekStep = (duration: number): number => Math.max(0.25, duration / 10);

/** The library's keyboard: audition, selection, organising, help (listed in help/shortcuts.ts). */
export function useLibraryShortcuts(openHelp: () => void): void {
  const { player } = useServices();
  const { play, stop } = useAudition();
  const organise = useOrganise();
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isUndoInEmptyField(event) && useLibraryStore.getState().lastEdit && !modalOpen()) {
        event.preventDefault();
        void organise.undo();
        return;
      }
      const clickedSpace = event.key === ' ' && isClickedControl(event.target);
      if ((isTyping(event.target) && !isArrowIntoList(event) && !clickedSpace) || event.altKey || modalOpen()) return;
      const store = useLibraryStore.getState();
      const list = selectVisibleRows(store);
      const index = store.selectedId === null ? -1 : list.findIndex((r) => r.id === store.selectedId);
      // Outside the list, the selected sample is still the one its panel shows (More like this
      // lists others than it): Space plays it, ← → seek it.
      const current = list[index] ?? (store.selectedId === null ? undefined : store.rows.get(store.selectedId));
      const command = event.ctrlKey || event.metaKey;
      const handled = (): void => event.preventDefault();
      if (command) {
        if (event.key === 'a') {
          handled();
          store.selectAll();
        } else if (event.key === 'z') {
          handled();
          void organise.undo();
        }
        return;
      }
      switch (event.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          handled();
          const next = list[event.key === 'ArrowDown' ? Math.min(list.length - 1, index + 1) : Math.max(0, index - 1)];
          if (!next || next.id === store.selectedId) return;
          if (event.shiftKey) store.extendSelectionTo(next.id);
          else store.select(next.id);
          play(next);
          return;
        }
        case 'Home':
        case 'End': {
          const target = event.key === 'Home' ? list[0] : list[list.length - 1];
          if (!target) return;
          handled();
          store.select(target.id);
          play(target);
          return;
        }
        case ' ':
          if (isControl(event.target) && !clickedSpace) return;
          handled();
          if (store.playingId !== null) stop();
          else if (current) play(current);
          return;
        case 'ArrowLeft':
        case 'ArrowRight': {
          if (!current?.analysis) return;
          handled();
          const at = player.current === current.id ? (player.position() ?? 0) : 0;
          const step = seekStep(current.analysis.duration) * (event.key === 'ArrowLeft' ? -1 : 1);
          play(current, Math.max(0, Math.min(current.analysis.duration - 0.05, at + step)));
          return;
        }
        case 'Enter':
          if (!current || isControl(event.target)) return;
          handled();
          document.querySelector<HTMLElement>('aside.detail')?.focus();
          return;
        case 'f':
        case 'F':
          handled();
          void organise.toggleFavourite(selectedRows(store));
          return;
        case 't':
        case 'T':
          handled();
          document.querySelector<HTMLInputElement>('.detail .tag-input')?.focus();
          return;
        case 'c':
        case 'C':
          // The detail panel's or the bulk panel's collection picker: Space opens its list, Enter picks.
          handled();
          document.querySelector<HTMLSelectElement>('.detail select[aria-label="Add to collection"]')?.focus();
          return;
        case 'l':
        case 'L':
          handled();
          useSettingsStore.getState().set({ levelMatch: !useSettingsStore.getState().levelMatch });
          return;
        case 's':
        case 'S':
        case 'k':
        case 'K':
        case 'b':
        case 'B':
          handled();
          toggleAudition(event.key.toLowerCase() as 's' | 'k' | 'b');
          return;
        case '/':
          handled();
          document.querySelector<HTMLInputElement>('.search')?.focus();
          return;
        case 'Escape':
          // One step at a time: several selected to one, then "more like this" closed, then none
          // selected (and its preview stopped), as the help says.
          if (store.selection.size > 1) store.select(store.selectedId);
          else if (store.similar) store.showSimilar(null);
          else if (store.selectedId !== null) {
            stop();
            store.select(null);
          }
          return;
        case 'm':
        case 'M':
          if (current?.status === 'done') {
            handled();
            showMoreLikeThis(current.id);
          } else if (current) {
            // It did nothing and said nothing on a file that could not be read, or one still waiting.
            handled();
            useImportStore
              .getState()
              .notify(
                'info',
                current.status === 'failed'
                  ? `${current.name} could not be analysed, so there is no sound to compare it with.`
                  : `${current.name} is not analysed yet: more like this works once it is.`,
              );
          }
          return;
        case '?':
          handled();
          openHelp();
          return;
        default:
          if (/^[0-5]$/.test(event.key)) {
            handled();
            void organise.setField(selectedRows(store), 'rating', Number(event.key));
          }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [play, stop, organise, player, openHelp]);
  // Its own effect: the one above runs again whenever its handlers change, and would forget the click.
  useEffect(followPointerFocus, []);
}

/**
 * S, K and B: Sync tempo, Sync key and the metronome, as their top-bar buttons do; where a button
 * is off limits (no project tempo or key yet) it says what to do first rather than doing nothing.
 */
function toggleAudition(key: 's' | 'k' | 'b'): void {
  const settings = useSettingsStore.getState();
  const notify = (message: string): void => useImportStore.getState().notify('info', message);
  if (key === 's') {
    if (settings.projectBpm === null) notify('Set the project tempo in the top bar first: Sync tempo (S) stretches loops to it.');
    else settings.set({ syncTempo: !settings.syncTempo });
  } else if (key === 'k') {
    if (settings.projectKey === null) notify('Set the project key in the top bar first: Sync key (K) moves melodic samples to it.');
    else settings.set({ syncKey: !settings.syncKey });
  } else if (!settings.syncTempo) notify('The metronome (B) plays with Sync tempo: turn it on first (S).');
  else settings.set({ metronome: !settings.metronome });
}
