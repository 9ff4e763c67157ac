/** A PUT that storage answered with an error status; a connection that broke is a plain Error. */
export class StorageRefusedError extends Error {
  constructor(readonly status: number) {
    super(`Storage refused the upload (HTTP ${status}).`);
  }
}

/**
 * Sends the bytes straight to S3 with XHR, whose upload events give a real progress bar (fetch has
 * none for request bodies). Aborting the signal aborts the request and rejects with the signal's reason.
 */
export function putWithProgress(
  url: string,
  file: File,
  headers: Record<string, string>,
  options: { onProgress: (fraction: number) => void; signal: AbortSignal },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const { onProgress, signal } = options;
    if (signal.aborted) return reject(signal.reason);
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new StorageRefusedError(request.status)));
    request.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
    request.onabort = () => reject(signal.reason);
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
