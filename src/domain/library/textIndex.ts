/**
 * Typo-tolerant word search over names, paths and tags. Rows are indexed by their words, and a
 * query word is matched against the vocabulary (tens of thousands of distinct words even for a
 * big library) rather than against every row, so a search stays fast at 100k samples.
 */

/** Lower-case words of a text: accents folded, split at punctuation, letter/digit and camelCase boundaries. */
export function tokenize(text: string): string[] {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, (_, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^\p{L}\p{N}#]+/u)
    .filter(Boolean);
  return [...new Set(words)];
}

/** Edits allowed for a query word: none for short words (too many false hits), more for long ones. */
export function allowedEdits(word: string): number {
  return word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance between a and b, or limit + 1 as soon as it must exceed
 * `limit` (so most comparisons stop after a row or two).
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Whether an indexed word satisfies a query word: contains it, or is (or starts with) a near miss. */
export function wordMatches(queryWord: string, word: string): boolean {
  if (word.includes(queryWord)) return true;
  const limit = allowedEdits(queryWord);
  if (limit === 0) return false;
  if (boundedEditDistance(queryWord, word, limit) <= limit) return true;
  // "snre" finds "snares": compare with the word's beginning of about the query's length.
  return word.length > queryWord.length && boundedEditDistance(queryWord, word.slice(0, queryWord.length), limit) <= limit;
}

export class TextIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly indexed = new Map<number, { text: string; words: string[] }>();

  get size(): number {
    return this.indexed.size;
  }

  /** Indexes (or re-indexes) a row's searchable text; unchanged text costs one string comparison. */
  set(id: number, text: string): void {
    const known = this.indexed.get(id);
    if (known?.text === text) return;
    if (known) this.delete(id);
    const words = tokenize(text);
    this.indexed.set(id, { text, words });
    for (const word of words) {
      const ids = this.postings.get(word);
      if (ids) ids.push(id);
      else this.postings.set(word, [id]);
    }
  }

  delete(id: number): void {
    const known = this.indexed.get(id);
    if (!known) return;
    this.indexed.delete(id);
    for (const word of known.words) {
      const ids = this.postings.get(word);
      if (!ids) continue;
      const rest = ids.filter((x) => x !== id);
      if (rest.length === 0) this.postings.delete(word);
      else this.postings.set(word, rest);
    }
  }

  /** Ids of rows that match every word of the query, or null when the query has no words (everything matches). */
  search(query: string): Set<number> | null {
    const words = tokenize(query);
    if (words.length === 0) return null;
    let result: Set<number> | null = null;
    for (const queryWord of words) {
      const hits = new Set<number>();
      for (const [word, ids] of this.postings) {
        if (!wordMatches(queryWord, word)) continue;
        for (const id of ids) if (!result || result.has(id)) hits.add(id);
      }
      result = hits;
      if (result.size === 0) break;
    }
    return result;
  }
}
