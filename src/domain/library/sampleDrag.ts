/**
 * Samples dragged inside the app (a row onto a collection of the sidebar) carry their ids under
 * this type, beside the files and download URL a drag out of the app carries. Its presence in
 * DataTransfer.types (readable while dragging, unlike the data) says a drag is the app's own.
 */
export const SAMPLE_IDS_TYPE = 'application/x-samplemind-sample-ids';

export const encodeSampleIds = (ids: readonly number[]): string => JSON.stringify(ids);

/** The ids a drop carries; none for anything else (another app's data, a damaged string). */
export function decodeSampleIds(data: string): number[] {
  try {
    const parsed: unknown = JSON.parse(data);
    if (!Array.isArray(parsed)) return [];
    return [...new Set(parsed.filter((id): id is number => Number.isSafeInteger(id) && id > 0))];
  } catch {
    return [];
  }
}

/** Whether a drag carries the app's own samples (on dragenter/dragover, when only the types can be read). */
export const carriesSamples = (types: readonly string[] | undefined): boolean => !!types && types.includes(SAMPLE_IDS_TYPE);
