/**
 * The k best (score, id) pairs seen so far, in a binary min-heap whose root is the worst kept
 * pair: a scan compares each score with `threshold` and only touches the heap for the few that
 * beat it, so keeping the top k of N costs O(N + N_improving · log k).
 */
export interface ScoredId {
  id: number;
  score: number;
}

export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Float64Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.ids = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Scores below this cannot enter (ties are decided by id in `offer`). -Infinity while not full. */
  get threshold(): number {
    return this.count < this.capacity ? -Infinity : this.scores[0]!;
  }

  /** Keeps (score, id) if it is among the best k; equal scores prefer the lower id, so results are deterministic. */
  offer(score: number, id: number): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      this.scores[this.count] = score;
      this.ids[this.count] = id;
      this.siftUp(this.count++);
    } else if (this.isWorse(this.scores[0]!, this.ids[0]!, score, id)) {
      this.scores[0] = score;
      this.ids[0] = id;
      this.siftDown(0);
    }
  }

  /** The kept pairs, best first. Leaves the heap empty. */
  drain(): ScoredId[] {
    const sorted: ScoredId[] = new Array<ScoredId>(this.count);
    for (let i = this.count - 1; i >= 0; i--) {
      sorted[i] = { id: this.ids[0]!, score: this.scores[0]! };
      this.count--;
      this.scores[0] = this.scores[this.count]!;
      this.ids[0] = this.ids[this.count]!;
      this.siftDown(0);
    }
    return sorted;
  }

  /** Whether (scoreA, idA) ranks below (scoreB, idB). */
  private isWorse(scoreA: number, idA: number, scoreB: number, idB: number): boolean {
    return scoreA < scoreB || (scoreA === scoreB && idA > idB);
  }

  private siftUp(index: number): void {
    const { scores, ids } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.isWorse(scores[index]!, ids[index]!, scores[parent]!, ids[parent]!)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const { scores, ids } = this;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= this.count) return;
      const right = left + 1;
      let worst = left;
      if (right < this.count && this.isWorse(scores[right]!, ids[right]!, scores[left]!, ids[left]!)) worst = right;
      if (!this.isWorse(scores[worst]!, ids[worst]!, scores[index]!, ids[index]!)) return;
      this.swap(index, worst);
      index = worst;
    }
  }

  private swap(i: number, j: number): void {
    const score = this.scores[i]!;
    const id = this.ids[i]!;
    this.scores[i] = this.scores[j]!;
    this.ids[i] = this.ids[j]!;
    this.scores[j] = score;
    this.ids[j] = id;
  }
}
