import type { AudioDescriptors } from '../domain/analysis';
import type { OrderRuns } from '../domain/library/rowOrder';
import type { PackedTextIndex } from '../domain/library/textIndex';
import type { SampleRecord } from './schema';

/**
 * What a list snapshot keeps besides the records, so that the next reload has less to do: the
 * list's sort orders and text index as they were when it was saved. The list checks them in
 * idle time (orders) or by version (text index) before relying on them.
 */
export interface ListHints {
  /** Record indices in the list's name order when it was saved: a hint the list verifies before using. */
  nameOrder?: Int32Array;
  /** The same for the other columns' ascending orders (by sort key), so a first sort after a reload needs no sorting. */
  columnOrders?: Record<string, Int32Array>;
  /** Where the runs of equal values start in those orders (the name order's too): a first descending sort then reads no values. */
  columnRuns?: Record<string, OrderRuns>;
  /** The list's text index (rows by sample id), so a reload does not index every row again. */
  textIndex?: PackedTextIndex;
}

/**
 * The whole library's sample records packed into a few columns, so a reload reads one value
 * from IndexedDB instead of 100k objects: reading and deserialising 100k records took about
 * 2 s in Chromium (the structured clone of each object's keys and strings), a column of numbers
 * is one copy. Every record comes back exactly as it went in: values the columns have no place
 * for (errors, corrections, tags, notes, metadata, any field added later) travel verbatim in
 * `extras`, so a new field can never be lost by the snapshot, only make it bigger.
 */
export interface ListSnapshot extends ListHints {
  format: typeof SNAPSHOT_FORMAT;
  /** Records changed at or after this time (ms, `updatedAt`) are read again on load. */
  stamp: number;
  count: number;
  /** Dictionaries of the enum columns: code 0 is null, code i + 1 is `words[i]`. */
  words: Record<EnumField, string[]>;
  enums: Record<EnumField, Uint16Array>;
  numbers: Record<NumberField, Float64Array>;
  paths: string[];
  /** Per record: 1 when it has an analysis, 2 when it has one whose `embedded` is null (most: files without tags). */
  analysed: Uint8Array;
  /** [record index, the record's fields the columns could not hold]; `analysis` merges into the decoded one. */
  extras: [number, Partial<Omit<SampleRecord, 'analysis'>> & { analysis?: Partial<AudioDescriptors> }][];
}

export const SNAPSHOT_FORMAT = 1;

/** The hints that are there, without properties for those that are not (structured clone would keep an undefined one). */
export function definedHints(hints: ListHints): ListHints {
  return Object.fromEntries(Object.entries(hints).filter(([, value]) => value !== undefined));
}

const TOP_NUMBERS = ['id', 'folderId', 'size', 'mtime', 'addedAt'] as const;
/** Nullable top-level numbers (NaN is null) and updatedAt (NaN is absent). */
const NULLABLE_TOP_NUMBERS = ['analysedAt'] as const;
const ANALYSIS_NUMBERS = [
  'duration',
  'sampleRate',
  'channels',
  'peakDbfs',
  'loudnessLufs',
  'kindConfidence',
  'categoryConfidence',
  'bpm',
  'bpmConfidence',
  'keyConfidence',
  'rootMidi',
  'rootConfidence',
] as const;
const ANALYSIS_ENUMS = ['format', 'kind', 'category', 'key', 'scale'] as const;
type EnumField = 'status' | (typeof ANALYSIS_ENUMS)[number];
type NumberField = (typeof TOP_NUMBERS)[number] | (typeof NULLABLE_TOP_NUMBERS)[number] | 'updatedAt' | (typeof ANALYSIS_NUMBERS)[number];
const ENUM_FIELDS: readonly EnumField[] = ['status', ...ANALYSIS_ENUMS];
const NUMBER_FIELDS: readonly NumberField[] = [...TOP_NUMBERS, ...NULLABLE_TOP_NUMBERS, 'updatedAt', ...ANALYSIS_NUMBERS];
/** Keys held by columns (or derived from `path`); `error` too when it is null. */
const COLUMN_KEYS = new Set<string>([
  ...TOP_NUMBERS,
  ...NULLABLE_TOP_NUMBERS,
  'updatedAt',
  'status',
  'path',
  'name',
  'dir',
  'error',
  'analysis',
]);
const ANALYSIS_COLUMN_KEYS = new Set<string>([...ANALYSIS_NUMBERS, ...ANALYSIS_ENUMS]);

type Loose = Record<string, unknown>;
const isPlainNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

/** A path inside its folder split into its folder part ('' at the root) and the file name. */
export function splitPath(path: string): { name: string; dir: string } {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? { name: path, dir: '' } : { name: path.slice(slash + 1), dir: path.slice(0, slash) };
}

export function encodeListSnapshot(records: readonly SampleRecord[], stamp: number, hints?: ListHints): ListSnapshot {
  const steps = encodeListSnapshotInSlices(records, stamp, hints);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * encodeListSnapshot a slice of records at a time: it yields after every `sliceSize` records so
 * the caller can give the page back between slices (100k records take a few hundred ms).
 */
export function* encodeListSnapshotInSlices(
  records: readonly SampleRecord[],
  stamp: number,
  hints: ListHints = {},
  sliceSize = 5000,
): Generator<void, ListSnapshot> {
  const n = records.length;
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, new Float64Array(n).fill(NaN)])) as Record<NumberField, Float64Array>;
  const enums = Object.fromEntries(ENUM_FIELDS.map((f) => [f, new Uint16Array(n)])) as Record<EnumField, Uint16Array>;
  const codes = Object.fromEntries(ENUM_FIELDS.map((f) => [f, new Map<string, number>()])) as Record<EnumField, Map<string, number>>;
  const paths = new Array<string>(n);
  const analysed = new Uint8Array(n);
  const extras: ListSnapshot['extras'] = [];

  /** Code of an enum value, or -1 when the column cannot hold it. */
  const codeOf = (field: EnumField, value: unknown): number => {
    if (value === null) return 0;
    if (typeof value !== 'string') return -1;
    const known = codes[field];
    let code = known.get(value);
    if (code === undefined) {
      code = known.size + 1;
      if (code > 0xffff) return -1;
      known.set(value, code);
    }
    return code;
  };

  for (let i = 0; i < n; i++) {
    const record = records[i]! as unknown as Loose;
    const extra: Loose = {};
    for (const key in record) if (!COLUMN_KEYS.has(key)) extra[key] = record[key];
    for (const field of TOP_NUMBERS) {
      if (isPlainNumber(record[field])) numbers[field][i] = record[field];
      else extra[field] = record[field];
    }
    for (const field of NULLABLE_TOP_NUMBERS) {
      if (isPlainNumber(record[field])) numbers[field][i] = record[field];
      else if (record[field] !== null) extra[field] = record[field];
    }
    if (isPlainNumber(record.updatedAt)) numbers.updatedAt[i] = record.updatedAt;
    else if ('updatedAt' in record) extra.updatedAt = record.updatedAt;
    const status = codeOf('status', record.status);
    if (status > 0) enums.status[i] = status;
    else extra.status = record.status;
    if (record.error !== null) extra.error = record.error;
    const path = typeof record.path === 'string' ? record.path : '';
    paths[i] = path;
    if (typeof record.path !== 'string') extra.path = record.path;
    const derived = splitPath(path);
    if (record.name !== derived.name) extra.name = record.name;
    if (record.dir !== derived.dir) extra.dir = record.dir;

    const analysis = record.analysis as Loose | null | undefined;
    if (analysis !== null && typeof analysis === 'object') {
      const embeddedNull = analysis.embedded === null;
      analysed[i] = embeddedNull ? 2 : 1;
      const extraAnalysis: Loose = {};
      for (const key in analysis)
        if (!ANALYSIS_COLUMN_KEYS.has(key) && !(key === 'embedded' && embeddedNull)) extraAnalysis[key] = analysis[key];
      for (const field of ANALYSIS_NUMBERS) {
        const value = analysis[field];
        if (isPlainNumber(value)) numbers[field][i] = value;
        else if (value !== null) extraAnalysis[field] = value;
      }
      for (const field of ANALYSIS_ENUMS) {
        const code = codeOf(field, analysis[field]);
        if (code >= 0) enums[field][i] = code;
        else extraAnalysis[field] = analysis[field];
      }
      if (Object.keys(extraAnalysis).length > 0) extra.analysis = extraAnalysis;
    } else if (analysis !== null) {
      extra.analysis = analysis;
    }
    if (Object.keys(extra).length > 0) extras.push([i, extra]);
    if ((i + 1) % sliceSize === 0) yield;
  }
  const words = Object.fromEntries(ENUM_FIELDS.map((f) => [f, [...codes[f].keys()]])) as Record<EnumField, string[]>;
  return {
    format: SNAPSHOT_FORMAT,
    stamp,
    count: n,
    words,
    enums,
    numbers,
    paths,
    analysed,
    extras,
    ...definedHints(hints),
  };
}

/** The records encodeListSnapshot was given, equal field by field. */
export function decodeListSnapshot(snapshot: ListSnapshot): SampleRecord[] {
  const { count, numbers, enums, words, paths, analysed } = snapshot;
  const word = (field: EnumField, i: number): string | null => {
    const code = enums[field][i]!;
    return code === 0 ? null : words[field][code - 1]!;
  };
  const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);
  const extras = new Map(snapshot.extras);
  const records = new Array<SampleRecord>(count);
  for (let i = 0; i < count; i++) {
    const path = paths[i]!;
    const { name, dir } = splitPath(path);
    const extra = extras.get(i);
    let analysis: AudioDescriptors | null = null;
    if (analysed[i]) {
      // Built in the shape analyseSample writes, so every record shares one hidden class.
      analysis = {
        format: word('format', i),
        duration: numbers.duration[i],
        sampleRate: numbers.sampleRate[i],
        channels: numbers.channels[i],
        peakDbfs: orNull(numbers.peakDbfs[i]!),
        loudnessLufs: orNull(numbers.loudnessLufs[i]!),
        kind: word('kind', i),
        kindConfidence: orNull(numbers.kindConfidence[i]!),
        category: word('category', i),
        categoryConfidence: orNull(numbers.categoryConfidence[i]!),
        bpm: orNull(numbers.bpm[i]!),
        bpmConfidence: orNull(numbers.bpmConfidence[i]!),
        key: word('key', i),
        scale: word('scale', i),
        keyConfidence: orNull(numbers.keyConfidence[i]!),
        rootMidi: orNull(numbers.rootMidi[i]!),
        rootConfidence: orNull(numbers.rootConfidence[i]!),
      } as AudioDescriptors;
      if (analysed[i] === 2) analysis.embedded = null;
      if (extra?.analysis) Object.assign(analysis, extra.analysis);
    }
    const record = {
      id: numbers.id[i],
      folderId: numbers.folderId[i],
      path,
      name,
      dir,
      size: numbers.size[i],
      mtime: numbers.mtime[i],
      status: word('status', i),
      error: null,
      analysis,
      addedAt: numbers.addedAt[i],
      analysedAt: orNull(numbers.analysedAt[i]!),
    } as SampleRecord & { updatedAt?: number };
    if (!Number.isNaN(numbers.updatedAt[i]!)) record.updatedAt = numbers.updatedAt[i]!;
    if (extra) {
      const { analysis: extraAnalysis, ...rest } = extra;
      Object.assign(record, rest);
      if (!analysed[i] && extraAnalysis !== undefined) record.analysis = extraAnalysis as AudioDescriptors;
    }
    records[i] = record;
  }
  return records;
}
