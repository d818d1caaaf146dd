/** The user's own data on a sample, as the organising tools edit it. */
export interface UserFields {
  tags: readonly string[];
  favourite: boolean;
  /** 0 (unrated) to 5. */
  rating: number;
  note: string;
}

/** A change to some of a sample's user fields. */
export interface UserEdit {
  id: number;
  fields: Partial<UserFields>;
}

export interface HasUserFields extends UserFields {
  id: number;
}

const MAX_TAG_LENGTH = 40;

/** A tag as stored: trimmed, lower-case, inner spaces as single hyphens; null when nothing is left. */
export function normaliseTag(text: string): string | null {
  const tag = text.trim().replace(/^#+/, '').toLowerCase().replace(/\s+/g, '-').replace(/[,;]/g, '').slice(0, MAX_TAG_LENGTH);
  return tag.length > 0 ? tag : null;
}

/** Tags typed into one box: comma- or semicolon-separated, each normalised, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;]/)
        .map(normaliseTag)
        .filter((t): t is string => t !== null),
    ),
  ];
}

/** A rating as stored: a whole number of stars from 0 (unrated) to 5. */
export const storedRating = (rating: number): number => Math.max(0, Math.min(5, Math.round(rating)));

/** A sample with an edit's fields applied, as the database stores them: what the list shows while the edit is saved. */
export function withUserFields<S extends HasUserFields>(sample: S, fields: Partial<UserFields>): S {
  const next = { ...sample, ...fields };
  if (fields.rating !== undefined) next.rating = storedRating(fields.rating);
  return next;
}

/** Edits adding and removing tags on many samples at once; samples that would not change get none. */
export function tagEdits(samples: readonly HasUserFields[], add: readonly string[], remove: readonly string[] = []): UserEdit[] {
  const edits: UserEdit[] = [];
  for (const sample of samples) {
    const next = [...sample.tags.filter((t) => !remove.includes(t))];
    for (const tag of add) if (!next.includes(tag)) next.push(tag);
    if (next.length !== sample.tags.length || next.some((t, i) => t !== sample.tags[i]))
      edits.push({ id: sample.id, fields: { tags: next } });
  }
  return edits;
}

/** Edits setting one field to the same value on every sample (favourite, rating, note). */
export function fieldEdits<K extends keyof UserFields>(samples: readonly HasUserFields[], field: K, value: UserFields[K]): UserEdit[] {
  return samples.filter((s) => s[field] !== value).map((s) => ({ id: s.id, fields: { [field]: value } as Partial<UserFields> }));
}

/** The edits that put back what `edits` are about to change: what the undo of a bulk edit applies. */
export function undoEdits(samples: ReadonlyMap<number, HasUserFields>, edits: readonly UserEdit[]): UserEdit[] {
  return edits.flatMap((edit) => {
    const before = samples.get(edit.id);
    if (!before) return [];
    const fields: Partial<UserFields> = {};
    for (const field of Object.keys(edit.fields) as (keyof UserFields)[]) (fields as Record<string, unknown>)[field] = before[field];
    return [{ id: edit.id, fields }];
  });
}

/**
 * An undo without what a later edit changed: undoing a bulk rating must not put back the rating
 * given one of those samples since (it did: a 5 given after the bulk edit went back to 3).
 */
export function undoWithoutLaterEdits(undo: readonly UserEdit[], later: readonly UserEdit[]): UserEdit[] {
  const changed = new Map<number, Set<string>>();
  for (const edit of later)
    for (const field of Object.keys(edit.fields)) changed.set(edit.id, (changed.get(edit.id) ?? new Set()).add(field));
  return undo.flatMap((edit) => {
    const fields = changed.get(edit.id);
    if (!fields) return [edit];
    const kept = Object.fromEntries(Object.entries(edit.fields).filter(([field]) => !fields.has(field))) as Partial<UserFields>;
    return Object.keys(kept).length > 0 ? [{ id: edit.id, fields: kept }] : [];
  });
}

/** Every tag in use with how many samples carry it, most used first. */
export function tagCounts(samples: Iterable<{ tags: readonly string[] }>): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const s of samples) for (const t of s.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
