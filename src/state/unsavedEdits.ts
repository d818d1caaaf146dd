import { withUserFields, type HasUserFields, type UserEdit, type UserFields } from '../domain/library/organise';

/**
 * Organising edits the list shows but the database does not hold yet (a large edit is saved in
 * slices, behind the list). A sample record read from the database meanwhile (an analysis result
 * of a folder still being imported) lacks them, and would take them off its row until a reload.
 */
const unsaved = new Map<number, Partial<UserFields>>();

export function markUnsaved(edits: readonly UserEdit[]): void {
  for (const { id, fields } of edits) unsaved.set(id, { ...unsaved.get(id), ...fields });
}

/** The edits are in the database (or given up): forgets their fields, unless a later edit has set them again since. */
export function markSaved(edits: readonly UserEdit[]): void {
  for (const { id, fields } of edits) {
    const pending = unsaved.get(id);
    if (!pending) continue;
    const left = Object.fromEntries(
      Object.entries(pending).filter(([field, value]) => value !== fields[field as keyof UserFields]),
    ) as Partial<UserFields>;
    if (Object.keys(left).length > 0) unsaved.set(id, left);
    else unsaved.delete(id);
  }
}

/** A row as read from the database, with the edits still being saved laid over it. */
export function withUnsavedEdits<R extends HasUserFields>(row: R): R {
  const pending = unsaved.get(row.id);
  return pending ? withUserFields(row, pending) : row;
}
