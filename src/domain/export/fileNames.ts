/**
 * File and folder names an export writes, made ones Windows can create (the strictest of the
 * systems a ZIP is unzipped on): no < > : " / \ | ? * or control characters, no trailing dot or
 * space, not a device name (CON, NUL, COM1...). One rule for the ZIP, its top folder and every
 * entry in it.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** One part of a path ("Drums.", "<img>.wav", "CON") as a name Windows accepts; '' where nothing is left. */
export function windowsSafeName(part: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const cleaned = part.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/[. ]+$/, '');
  if (cleaned === '' || /^\.+$/.test(cleaned)) return '';
  // "CON.wav" is the device CON to Windows: "CON_.wav" is a file.
  return RESERVED.test(cleaned) ? cleaned.replace(/^([^.]*)/, '$1_') : cleaned;
}

/** A name for the ZIP and its top folder: a safe name without leading dots (hidden elsewhere), else `fallback`. */
export function safeFileName(name: string, fallback = 'samples'): string {
  return windowsSafeName(name.trim()).replace(/^[.\s]+/, '') || fallback;
}

/** A path that cannot climb out of the folder it is unzipped into ('..', absolute, empty parts), each part a safe name. */
export function safeZipPath(path: string, fallbackName: string): string {
  const parts = path.split('/').map(windowsSafeName).filter(Boolean);
  return parts.length > 0 ? parts.join('/') : windowsSafeName(fallbackName) || 'sample';
}
