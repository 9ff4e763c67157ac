'use client';

import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useDropzone } from 'react-dropzone';
import { useUploadQueue } from './use-upload-queue';

type UploadContext = ReturnType<typeof useUploadQueue> & { openPicker: () => void };

const Context = createContext<UploadContext | null>(null);

const noSubscription = () => () => undefined;

export function useUploads(): UploadContext {
  const context = useContext(Context);
  if (!context) throw new Error('useUploads must be used inside <UploadArea>');
  return context;
}

/**
 * The dashboard as one drop target: photos dropped anywhere on it, chosen with the picker, or pasted
 * from the clipboard all join the same upload queue. While a drag is over the window, a full-window
 * overlay takes the drop, so nothing lands outside and makes the browser open the file instead.
 */
export function UploadArea({ children }: { children: ReactNode }) {
  const uploads = useUploadQueue();
  const { add } = uploads;
  const { getRootProps, getInputProps, open, isDragActive, isDragGlobal } = useDropzone({
    onDrop: (files) => add(files),
    multiple: true,
    // The visible "Choose photos" button opens the picker; the area itself is not one big button.
    noClick: true,
    noKeyboard: true,
    // Pasting is handled for the whole window below, wherever the focus is.
    noPaste: true,
    // The classic <input type=file>: the same picker everywhere, and one that tests can drive.
    useFsAccessApi: false,
  });

  // True from the first render after hydration, when the listeners are on: before that a drop or a paste is lost (the e2e suite waits for it).
  const listening = useSyncExternalStore(noSubscription, () => true, () => false);

  useEffect(() => {
    function onPaste(event: ClipboardEvent) {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      add(files);
    }
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [add]);

  return (
    <Context.Provider value={{ ...uploads, openPicker: open }}>
      <div {...getRootProps({ className: 'relative min-h-[60vh]' })} data-testid="upload-area" data-listening={listening || undefined}>
        <input {...getInputProps({ accept: 'image/*,.heic,.heif' })} data-testid="file-input" aria-label="Photos to upload" />
        {children}
        {isDragActive || isDragGlobal ? (
          <div
            className="fixed inset-0 z-40 flex items-center justify-center bg-brand-500/15 p-6 backdrop-blur-[2px]"
            data-testid="drop-overlay"
          >
            <p className="rounded-xl border-2 border-dashed border-brand-500 bg-white px-8 py-6 text-lg font-medium text-slate-900 shadow-lg">
              Drop photos to upload them
            </p>
          </div>
        ) : null}
      </div>
    </Context.Provider>
  );
}
