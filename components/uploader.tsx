'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { createUploadAction } from '@/app/actions/create-upload';
import { actionErrorMessage } from './action-error';

interface Upload {
  id: string;
  name: string;
  progress: number;
  error?: string;
  done?: boolean;
}

/** Sends the bytes straight to S3 with XHR, whose upload events give a real progress bar. */
function putWithProgress(url: string, file: File, headers: Record<string, string>, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(`Storage refused the upload (HTTP ${request.status}).`)));
    request.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
    request.send(file);
  });
}

export function Uploader() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (id: string, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...change } : u)));

  async function upload(file: File) {
    const id = crypto.randomUUID();
    setUploads((all) => [...all, { id, name: file.name, progress: 0 }]);
    const result = await createUploadAction({ fileName: file.name, contentType: file.type, bytes: file.size });
    if (!result?.data) {
      const message = actionErrorMessage(result);
      update(id, { error: message ?? 'The upload could not start.' });
      return;
    }
    router.refresh();
    try {
      await putWithProgress(result.data.url, file, result.data.headers, (progress) => update(id, { progress }));
      update(id, { progress: 1, done: true });
      setTimeout(() => setUploads((all) => all.filter((u) => u.id !== id)), 2000);
    } catch (error) {
      update(id, { error: (error as Error).message });
    }
    router.refresh();
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <label className="cursor-pointer rounded-md bg-brand-500 px-4 py-2 font-medium text-white hover:bg-brand-600">
        Upload photos
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif,image/tiff"
          multiple
          className="sr-only"
          data-testid="file-input"
          onChange={(event) => {
            for (const file of Array.from(event.target.files ?? [])) void upload(file);
            if (input.current) input.current.value = '';
          }}
        />
      </label>
      {uploads.length > 0 ? (
        <ul className="flex w-72 flex-col gap-2" aria-label="Uploads in progress">
          {uploads.map((u) => (
            <li key={u.id} className="text-sm">
              <div className="flex justify-between gap-2">
                <span className="truncate">{u.name}</span>
                <span className="text-slate-500">{u.error ? 'failed' : u.done ? 'uploaded' : `${Math.round(u.progress * 100)}%`}</span>
              </div>
              {u.error ? (
                <p role="alert" className="text-red-700">
                  {u.error}
                </p>
              ) : (
                <progress className="h-1.5 w-full accent-brand-500" max={1} value={u.progress} aria-label={`Upload of ${u.name}`} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
