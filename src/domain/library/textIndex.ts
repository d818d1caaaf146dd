/**
 * Typo-tolerant word search over names, paths and tags. Rows are indexed by their words, and a
 * query word is matched against the vocabulary (tens of thousands of distinct words even for a
 * big library) rather than against every row, so a search stays fast at 100k samples.
 */

import { foldAccents, NON_ASCII, tokenize, wordMatches } from './textMatch';

/**
 * Bumped whenever tokenize (or what a packed index holds) changes: a packed index of another version is not used.
 * 2: accents folded the way a keyboard without them types ("Grüße" is "grusse").
 */
export const TEXT_INDEX_VERSION = 2;

/**
 * A TextIndex's words and postings in a few arrays, to save with the list and restore on the
 * next reload instead of indexing every row again (about a second of idle time at 100k rows,
 * during which a search had to scan every text). The postings of `words[w]` are
 * `ids[offsets[w]]` up to `ids[offsets[w + 1]]`; `rows` lists the ids indexed, ascending.
 */
export interface PackedTextIndex {
  version: number;
  /** What the texts were made from besides the rows (the caller's check, e.g. folder names). */
  context: string;
  words: string[];
  offsets: Int32Array;
  ids: Int32Array;
  rows: Int32Array;
}

/** restore keeps a byte per id up to the highest: ids stay far below this (one per sample ever added). */
const MAX_RESTORED_ID = 1 << 24;

/** Rows of a restored PackedTextIndex; `left` are those changed or deleted since (their postings there are ignored). */
interface RestoredRows {
  packed: PackedTextIndex;
  /** 1 for each id in packed.rows (by id); ids beyond its length are not in it. */
  member: Uint8Array;
  left: Set<number>;
}

/**
 * Rows can be added at once (set) or queued (setLater) and indexed a slice at a time
 * (indexSome), so opening a library of 100k samples does not wait for its index; a search
 * first indexes whatever is still queued, so it always sees every row. The index of a whole
 * library can also be restored as saved (restore), and only the rows changed since re-indexed.
 */
export class TextIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly indexed = new Map<number, { text: string; words: string[] }>();
  private readonly pending = new Map<number, string>();
  /** Queued rows that are indexed with another text: their old postings go in one pass (dropFromPostings). */
  private readonly reindexed = new Set<number>();
  /** Words of the folder part of texts ("Pack/Drums/Kicks"), shared by the many rows of a folder. */
  private readonly folderWords = new Map<string, string[]>();
  /** The folder of the previous text: rows arrive folder by folder. */
  private lastFolder: { folder: string; words: string[] } | undefined;
  /** A restored packed index, read in place; rows set or deleted since are in its `left`. */
  private restored: RestoredRows | undefined;

  /** Rows in the index, queued ones included. (A row set or queued has left the restored index: see leaveRestored.) */
  get size(): number {
    let queuedOnly = 0;
    for (const id of this.pending.keys()) if (!this.indexed.has(id)) queuedOnly++;
    const restored = this.restored ? this.restored.packed.rows.length - this.restored.left.size : 0;
    return this.indexed.size + queuedOnly + restored;
  }

  /**
   * Starts over from a packed index (see pack): its rows count as indexed with the texts they
   * had when it was packed. The caller sets (or setLater) every row whose text may differ since.
   */
  restore(packed: PackedTextIndex): void {
    this.postings.clear();
    this.indexed.clear();
    this.pending.clear();
    this.reindexed.clear();
    let top = 0;
    for (const id of packed.rows) top = Math.max(top, id);
    const member = new Uint8Array(top + 1);
    for (const id of packed.rows) member[id] = 1;
    this.restored = { packed, member, left: new Set() };
  }

  /** Whether a packed index can be restored: the right version, consistent arrays. */
  static canRestore(packed: PackedTextIndex | undefined, context: string): packed is PackedTextIndex {
    if (packed?.version !== TEXT_INDEX_VERSION || packed.context !== context) return false;
    const { words, offsets, ids, rows } = packed;
    return (
      Array.isArray(words) &&
      offsets instanceof Int32Array &&
      ids instanceof Int32Array &&
      rows instanceof Int32Array &&
      offsets.length === words.length + 1 &&
      offsets[words.length] === ids.length &&
      rows.every((id) => id >= 0 && id < MAX_RESTORED_ID)
    );
  }

  /** The whole index packed (queued rows indexed first), for restore. */
  pack(context: string): PackedTextIndex {
    this.indexSome(Infinity);
    // Each word's postings as chunks: runs of the restored index (copied whole when no row left it) and the rows indexed since.
    const chunks = new Map<string, (Int32Array | number[])[]>();
    const rows: number[] = [...this.indexed.keys()];
    const restored = this.restored;
    if (restored) {
      const { packed, left } = restored;
      const gone = new Uint8Array(restored.member.length);
      for (const id of left) gone[id] = 1;
      for (let w = 0; w < packed.words.length; w++) {
        let run = packed.ids.subarray(packed.offsets[w]!, packed.offsets[w + 1]!);
        if (left.size > 0) {
          const kept = new Int32Array(run.length);
          let count = 0;
          for (let j = 0; j < run.length; j++) if (gone[run[j]!] === 0) kept[count++] = run[j]!;
          run = kept.subarray(0, count);
        }
        if (run.length > 0) chunks.set(packed.words[w]!, [run]);
      }
      for (const id of packed.rows) if (gone[id] === 0) rows.push(id);
    }
    for (const [word, ids] of this.postings) {
      const known = chunks.get(word);
      if (known) known.push(ids);
      else chunks.set(word, [ids]);
    }
    const words = [...chunks.keys()];
    const offsets = new Int32Array(words.length + 1);
    let total = 0;
    words.forEach((word, w) => {
      offsets[w] = total;
      for (const chunk of chunks.get(word)!) total += chunk.length;
    });
    offsets[words.length] = total;
    const ids = new Int32Array(total);
    words.forEach((word, w) => {
      let at = offsets[w]!;
      for (const chunk of chunks.get(word)!) {
        ids.set(chunk, at);
        at += chunk.length;
      }
    });
    return { version: TEXT_INDEX_VERSION, context, words, offsets, ids, rows: Int32Array.from(rows).sort() };
  }

  /** Whether a row's text is in the index, queued or restored. */
  holds(id: number): boolean {
    return this.indexed.has(id) || this.pending.has(id) || this.inRestored(id);
  }

  /** Whether a row is indexed by the restored packed index (and has not been set or deleted since). */
  private inRestored(id: number): boolean {
    const restored = this.restored;
    return !!restored && restored.member[id] === 1 && !restored.left.has(id);
  }

  /** A row set or deleted leaves the restored index: its postings there no longer count. */
  private leaveRestored(id: number): void {
    if (this.inRestored(id)) this.restored!.left.add(id);
  }

  /** Rows queued by setLater and not indexed yet. */
  get queued(): number {
    return this.pending.size;
  }

  /** Indexes (or re-indexes) a row's searchable text; unchanged text costs one string comparison. */
  set(id: number, text: string): void {
    this.pending.delete(id);
    this.reindexed.delete(id);
    this.leaveRestored(id);
    const known = this.indexed.get(id);
    if (known?.text === text) return;
    if (known) this.delete(id);
    const words = this.words(text);
    this.indexed.set(id, { text, words });
    for (const word of words) {
      const ids = this.postings.get(word);
      if (ids) ids.push(id);
      else this.postings.set(word, [id]);
    }
  }

  /** Queues a row's text for indexSome (or the next search); unchanged text is not queued. */
  setLater(id: number, text: string): void {
    const known = this.indexed.get(id);
    if (known?.text === text) {
      this.pending.delete(id);
      this.reindexed.delete(id);
    } else {
      this.pending.set(id, text);
      if (known) this.reindexed.add(id);
      // Until it is indexed, a queued row matches by its new text only.
      this.leaveRestored(id);
    }
  }

  /** Indexes queued rows for about `budgetMs`; returns how many are still queued. */
  indexSome(budgetMs: number): number {
    const until = performance.now() + budgetMs;
    if (this.reindexed.size > 0) this.dropFromPostings(this.reindexed);
    let count = 0;
    for (const [id, text] of this.pending) {
      this.set(id, text);
      if (++count % 256 === 0 && performance.now() >= until) break;
    }
    return this.pending.size;
  }

  delete(id: number): void {
    this.pending.delete(id);
    this.reindexed.delete(id);
    this.leaveRestored(id);
    const known = this.indexed.get(id);
    if (!known) return;
    this.indexed.delete(id);
    for (const word of known.words) {
      const ids = this.postings.get(word);
      const at = ids ? ids.indexOf(id) : -1;
      if (at < 0) continue;
      // In place: a common word ("wav") lists nearly every row, and copying it per deletion made bulk re-tagging quadratic.
      ids!.splice(at, 1);
      if (ids!.length === 0) this.postings.delete(word);
    }
  }

  /** delete() for many rows at once: each word's postings are filtered once, not searched once per row. */
  deleteMany(ids: Iterable<number>): void {
    const gone = new Set(ids);
    for (const id of gone) {
      this.pending.delete(id);
      this.reindexed.delete(id);
      this.leaveRestored(id);
    }
    this.dropFromPostings(gone);
  }

  /**
   * Takes these rows out of the postings and of `indexed`, one pass over each word they had.
   * One row at a time searched each word's postings ("wav" lists nearly every row): re-tagging
   * 100,000 rows, or removing a folder of them, was quadratic (40 s of background work).
   */
  private dropFromPostings(ids: ReadonlySet<number>): void {
    const words = new Set<string>();
    const dropped = new Set<number>();
    for (const id of ids) {
      const known = this.indexed.get(id);
      if (!known) continue;
      for (const word of known.words) words.add(word);
      this.indexed.delete(id);
      dropped.add(id);
    }
    for (const word of words) {
      const kept = this.postings.get(word)?.filter((id) => !dropped.has(id));
      if (kept && kept.length > 0) this.postings.set(word, kept);
      else this.postings.delete(word);
    }
    if (ids === this.reindexed) this.reindexed.clear();
  }

  /** Ids of rows that match every word of the query, or null when the query has no words (everything matches). */
  search(query: string): Set<number> | null {
    const words = tokenize(query);
    if (words.length === 0) return null;
    this.indexSome(Infinity);
    return this.matchIndexed(words);
  }

  /**
   * search() without stopping to index a long queue (100k rows take about half a second): rows
   * still queued match by plain substring, without typo tolerance, and `partial` says so; once
   * the queue is indexed the same query gives the full answer.
   */
  searchNow(query: string, queueLimit = 2000): { ids: Set<number> | null; partial: boolean } {
    if (this.pending.size <= queueLimit) return { ids: this.search(query), partial: false };
    const words = tokenize(query);
    if (words.length === 0) return { ids: null, partial: false };
    const ids = this.matchIndexed(words);
    // Case-insensitive patterns rather than lower-casing every queued text: no allocation per row (3-10x faster).
    const patterns = words.map((word) => new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
    for (const [id, text] of this.pending) {
      // Query words are accent-folded (tokenize), so the text must be too: "cafe" finds "Café". Most texts are ASCII and skip it.
      const folded = NON_ASCII.test(text) ? foldAccents(text) : text;
      if (patterns.every((pattern) => pattern.test(folded))) ids.add(id);
    }
    return { ids, partial: true };
  }

  /** Rows already indexed that match every one of `words`. */
  private matchIndexed(words: readonly string[]): Set<number> {
    let result: Set<number> | null = null;
    for (const queryWord of words) {
      const hits = new Set<number>();
      for (const [word, ids] of this.postings) {
        if (!wordMatches(queryWord, word)) continue;
        for (const id of ids) if (!result || result.has(id)) hits.add(id);
      }
      if (this.restored) {
        const { packed, left } = this.restored;
        const { words, offsets, ids } = packed;
        for (let w = 0; w < words.length; w++) {
          if (!wordMatches(queryWord, words[w]!)) continue;
          for (let j = offsets[w]!; j < offsets[w + 1]!; j++) {
            const id = ids[j]!;
            if ((!result || result.has(id)) && !left.has(id)) hits.add(id);
          }
        }
      }
      result = hits;
      if (result.size === 0) break;
    }
    return result ?? new Set();
  }

  /**
   * The words of a text as tokenize finds them, with the part before the last '/' (a folder
   * path) tokenized once per folder ('/' always separates words). A word in both parts is listed
   * twice, which search and delete allow for.
   */
  private words(text: string): string[] {
    const slash = text.lastIndexOf('/');
    if (slash < 0) return tokenize(text);
    const folder = text.slice(0, slash);
    let shared: string[] | undefined;
    if (folder === this.lastFolder?.folder) shared = this.lastFolder.words;
    else {
      shared = this.folderWords.get(folder);
      if (!shared) {
        if (this.folderWords.size >= 50_000) this.folderWords.clear();
        shared = tokenize(folder);
        this.folderWords.set(folder, shared);
      }
      this.lastFolder = { folder, words: shared };
    }
    const own = tokenize(text.slice(slash + 1));
    return own.length === 0 ? shared : shared.concat(own);
  }
}
