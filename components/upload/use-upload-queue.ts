'use client';

import { nanoid } from 'nanoid';
import PQueue from 'p-queue';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { cancelUploadAction } from '@/app/actions/cancel-upload';
import { createUploadAction } from '@/app/actions/create-upload';
import { actionErrorMessage } from '../action-error';
import { useLiveUpdates } from '../live-updates';
import { uploadStarted } from '../use-live-cards';
import { putWithProgress, StorageRefusedError } from './put-with-progress';

/** The server's own rules for what may be uploaded, loaded with the first files: they bring zod, which the page needs no sooner. */
const uploadRules = () => import('@/lib/images/upload-rules');

/** refused: turned away in the browser, nothing was sent. waiting: queued behind others. */
export type UploadState = 'refused' | 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface UploadItem {
  id: string;
  name: string;
  /** A local copy of the file to show at once; null for a file that was turned away. */
  previewUrl: string | null;
  state: UploadState;
  progress: number;
  message: string | null;
}

/** Uploads at once: more share the same uplink and only make every bar slower; the rest wait their turn. */
export const MAX_CONCURRENT_UPLOADS = 3;
/** How long a finished upload stays listed: long enough to see it end; the grid shows it from then on. */
const DONE_LINGER_MS = 2500;

/** What one file's current attempt needs: its abort, and the image it made once the server made one. */
interface Attempt {
  file: File;
  /** The type the upload is signed for: the browser's, or the name's for a HEIC the browser knows no type for. */
  contentType: string;
  controller: AbortController;
  imageId?: string;
}

/**
 * The browser's side of uploading: files are checked with the server's own rules, queued, sent
 * straight to storage a few at a time, and can be cancelled (the PUT aborted and the record
 * settled) or retried (a fresh upload of the same file).
 */
export function useUploadQueue() {
  const { announce } = useLiveUpdates();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [queue] = useState(() => new PQueue({ concurrency: MAX_CONCURRENT_UPLOADS }));
  const attempts = useRef(new Map<string, Attempt>());
  const previews = useRef(new Map<string, string>());

  const update = useCallback((id: string, change: Partial<UploadItem>) => setItems((all) => all.map((item) => (item.id === id ? { ...item, ...change } : item))), []);

  const remove = useCallback((id: string) => {
    const preview = previews.current.get(id);
    if (preview) URL.revokeObjectURL(preview);
    previews.current.delete(id);
    attempts.current.delete(id);
    setItems((all) => all.filter((item) => item.id !== id));
  }, []);

  // Local previews hold the file's bytes in memory until they are let go.
  useEffect(() => {
    const held = previews.current;
    return () => held.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  // Files that arrived since the queue was last idle: one toast tells of the whole batch when it is
  // over, where a toast each (eight for eight photos) covered a phone's grid while it filled.
  const arrivedNames = useRef<string[]>([]);
  useEffect(() => {
    const tell = () => {
      const names = arrivedNames.current;
      arrivedNames.current = [];
      if (names.length === 1) toast.success(`${names[0]} uploaded`);
      else if (names.length > 1) toast.success(`${names.length} photos uploaded`);
    };
    queue.on('idle', tell);
    return () => void queue.off('idle', tell);
  }, [queue]);

  const arrived = useCallback(
    (id: string, file: File) => {
      update(id, { state: 'done', progress: 1, message: null });
      arrivedNames.current.push(file.name);
      // Its card, on the grid since the upload started, follows processing from here like every photo in flight.
      setTimeout(() => remove(id), DONE_LINGER_MS);
    },
    [remove, update],
  );

  const failed = useCallback(
    (id: string, file: File, message: string) => {
      update(id, { state: 'failed', message });
      toast.error(`${file.name} was not uploaded`, { description: message });
    },
    [update],
  );

  const send = useCallback(
    async (id: string, attempt: Attempt) => {
      const { file, contentType, controller } = attempt;
      const { signal } = controller;
      update(id, { state: 'uploading', progress: 0, message: null });
      const created = await createUploadAction({ fileName: file.name, contentType, bytes: file.size });
      if (!created?.data) {
        if (signal.aborted) return;
        return failed(id, file, actionErrorMessage(created) ?? 'The upload could not start.');
      }
      const { imageId } = created.data;
      attempt.imageId = imageId;
      announce(uploadStarted(imageId), created.data.snapshot);
      // Cancelled while the server was making the record: cancel() had no image to settle yet.
      if (signal.aborted) {
        await cancelUploadAction({ imageId, reason: 'cancelled' });
        return;
      }
      try {
        await putWithProgress(created.data.url, file, created.data.headers, { signal, onProgress: (progress) => update(id, { progress }) });
      } catch (error) {
        if (signal.aborted) return;
        // Settled now, or its photo would show 'uploading' until the sweep; offline the action fails too, and the sweep it is.
        const settled = await cancelUploadAction({ imageId, reason: 'failed', httpStatus: error instanceof StorageRefusedError ? error.status : undefined }).catch(() => null);
        // Cancelled meanwhile: cancel() has told the owner.
        if (signal.aborted) return;
        // The bytes went through though the answer was lost, and a run has taken them.
        if (settled?.data?.outcome === 'arrived') return arrived(id, file);
        return failed(id, file, (error as Error).message);
      }
      if (signal.aborted) return;
      arrived(id, file);
    },
    [announce, arrived, failed, update],
  );

  const start = useCallback(
    (id: string, file: File, contentType: string) => {
      const attempt: Attempt = { file, contentType, controller: new AbortController() };
      attempts.current.set(id, attempt);
      // Aborted while still waiting, the task never runs and add() rejects: cancel() has said so already.
      queue.add(() => send(id, attempt), { signal: attempt.controller.signal }).catch(() => undefined);
    },
    [queue, send],
  );

  const add = useCallback(
    async (files: File[]) => {
      const rules = await uploadRules().catch(() => null);
      if (!rules) return void toast.error('The upload could not start', { description: 'Check your connection and try again.' });
      const { declaredTypeOf, uploadRefusal } = rules;
      const added = files.map((file) => {
        const refusal = uploadRefusal(file);
        const id = nanoid();
        const previewUrl = refusal ? null : URL.createObjectURL(file);
        if (previewUrl) previews.current.set(id, previewUrl);
        const item: UploadItem = { id, name: file.name, previewUrl, state: refusal ? 'refused' : 'waiting', progress: 0, message: refusal };
        return { item, file, contentType: declaredTypeOf(file) };
      });
      setItems((all) => [...all, ...added.map(({ item }) => item)]);
      for (const { item, file, contentType } of added) {
        if (item.state === 'refused') toast.error(`${item.name} cannot be uploaded`, { description: item.message ?? undefined });
        else start(item.id, file, contentType);
      }
    },
    [start],
  );

  const cancel = useCallback(
    async (id: string) => {
      const attempt = attempts.current.get(id);
      if (!attempt || attempt.controller.signal.aborted) return;
      attempt.controller.abort(new DOMException('The upload was cancelled.', 'AbortError'));
      update(id, { state: 'cancelled', progress: 0, message: null });
      // The action's answer carries the dashboard as it now is, the card settled.
      const result = attempt.imageId ? await cancelUploadAction({ imageId: attempt.imageId, reason: 'cancelled' }) : null;
      if (result?.data?.outcome === 'arrived') {
        update(id, { state: 'done', progress: 1 });
        toast.info(`${attempt.file.name} had already arrived, so it was kept`);
        return;
      }
      toast(`Upload of ${attempt.file.name} cancelled`);
    },
    [update],
  );

  const retry = useCallback(
    (id: string) => {
      const attempt = attempts.current.get(id);
      if (!attempt) return;
      update(id, { state: 'waiting', progress: 0, message: null });
      start(id, attempt.file, attempt.contentType);
      toast(`Retry of ${attempt.file.name} queued`);
    },
    [start, update],
  );

  return { items, add, cancel, retry, dismiss: remove };
}
