/** Saves a file the tab fetched with its sign-in token (a plain link could not carry the token). */
export function saveFile(file: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = name;
  link.click();
  // Released once the browser has surely read it (revoking at once can cancel the download).
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
