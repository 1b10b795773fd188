/** Hands a file to the browser as a download (Save in a browser tab, and chart/CSV exports). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // revoked later: the browser reads the blob after click() returns
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
