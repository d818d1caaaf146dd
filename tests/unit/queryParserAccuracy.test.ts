/**
 * Field accuracy of the query parser over the written query set (queries.json): for each field,
 * the share of queries where the parser's value equals the expected one. Prints the table that
 * docs/QUERY-PARSER.md quotes, and fails when a field falls under the floor.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, type ParsedQuery } from '../../src/domain/ai/queryParser';

type Field = 'text' | 'kind' | 'categories' | 'excludeCategories' | 'bpm' | 'key' | 'duration';
const FIELDS: readonly Field[] = ['text', 'kind', 'categories', 'excludeCategories', 'bpm', 'key', 'duration'];
/** Every field must be right on at least this share of the queries. */
const FLOOR = 0.9;

interface QueryCase {
  query: string;
  expected: Partial<Pick<ParsedQuery, Field>>;
  holdout?: boolean;
}

const cases = (JSON.parse(readFileSync(new URL('./queries.json', import.meta.url), 'utf8')) as { queries: QueryCase[] }).queries;

const EMPTY: Pick<ParsedQuery, Field> = {
  text: '',
  kind: null,
  categories: [],
  excludeCategories: [],
  bpm: null,
  key: null,
  duration: null,
};

/** Categories are a set (OR): their order does not matter. */
function comparable(field: Field, value: unknown): string {
  return JSON.stringify(Array.isArray(value) ? [...(value as string[])].sort() : value);
}

interface AccuracyRow {
  field: Field | 'all fields';
  right: number;
  share: number;
  misses: string[];
}

function fieldAccuracy(set: readonly QueryCase[]): AccuracyRow[] {
  const parsed = set.map((c) => parseQuery(c.query));
  const rows = FIELDS.map((field): AccuracyRow => {
    const misses = set.filter((c, i) => comparable(field, parsed[i]![field]) !== comparable(field, { ...EMPTY, ...c.expected }[field]));
    return {
      field,
      right: set.length - misses.length,
      share: (set.length - misses.length) / set.length,
      misses: misses.map((c) => c.query),
    };
  });
  const whole = set.filter((c, i) => FIELDS.every((f) => comparable(f, parsed[i]![f]) === comparable(f, { ...EMPTY, ...c.expected }[f])));
  rows.push({ field: 'all fields', right: whole.length, share: whole.length / set.length, misses: [] });
  return rows;
}

function printTable(title: string, set: readonly QueryCase[]): ReturnType<typeof fieldAccuracy> {
  const rows = fieldAccuracy(set);
  const lines = rows.map(
    (r) => `| ${r.field.padEnd(17)} | ${`${r.right}/${set.length}`.padStart(7)} | ${(r.share * 100).toFixed(1).padStart(6)} % |`,
  );
  console.log([`${title} (${set.length} queries)`, '| field             | right   | share    |', '|---|---|---|', ...lines].join('\n'));
  for (const r of rows) if (r.misses.length > 0) console.log(`  ${r.field} misses: ${r.misses.map((q) => JSON.stringify(q)).join(', ')}`);
  return rows;
}

describe('query parser accuracy', () => {
  it('has a varied written query set of at least 150 queries', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.query)).size).toBe(cases.length);
    for (const c of cases) for (const key of Object.keys(c.expected)) expect(FIELDS).toContain(key);
  });

  it(`gets every field right on at least ${FLOOR * 100} % of the queries`, () => {
    const all = printTable('All queries', cases);
    printTable(
      'Written before the parser (dev)',
      cases.filter((c) => !c.holdout),
    );
    printTable(
      'Written after it (holdout)',
      cases.filter((c) => c.holdout),
    );
    for (const row of all.filter((r) => r.field !== 'all fields')) expect(row.share, row.field).toBeGreaterThanOrEqual(FLOOR);
  });
});
