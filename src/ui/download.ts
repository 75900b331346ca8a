/**
 * Save text as a file through the browser's download, from memory: an object URL of a Blob,
 * never a data: URL built from cell values, and released right after the click.
 */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke on the next task: some browsers start the download after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name safe on every system: no path or reserved characters, not empty. */
export function fileNameOf(name: string, extension: string): string {
  const clean =
    [...name]
      .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c))
      .join('')
      .trim() || 'export';
  return `${clean.slice(0, 120)}.${extension}`;
}
