import { useCallback, useEffect, useRef, useState } from 'react';
import { checkFile, type FileRefusal, MAX_UPLOAD_BYTES } from '../../lib/files.js';
import { type RestError, RestRequestError, sendFile } from '../../lib/rest.js';

/** What POST /files answers. */
export interface UploadedFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** One picked file: refused here, on its way (with its progress), uploaded, or refused by the server. */
export type Upload = {
  key: string;
  name: string;
  size: number;
} & (
  | { state: 'refused'; refusal: FileRefusal }
  | { state: 'uploading'; progress: number }
  | { state: 'done'; file: UploadedFile }
  | { state: 'failed'; error: RestError }
);

let counter = 0;

/**
 * Evidence files picked for one progress update: each is checked, then uploaded at once (so its progress shows
 * and posting the update only attaches it). Removing one aborts its upload; the server drops unattached files.
 */
export function useUploads(maxBytes = MAX_UPLOAD_BYTES) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  const update = useCallback((key: string, next: (upload: Upload) => Upload) => {
    setUploads((list) => list.map((upload) => (upload.key === key ? next(upload) : upload)));
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      const added: Upload[] = files.map((file) => {
        counter += 1;
        const key = `upload-${counter}`;
        const refusal = checkFile(file, maxBytes);
        const base = { key, name: file.name, size: file.size };
        if (refusal) return { ...base, state: 'refused', refusal };
        const controller = new AbortController();
        controllers.current.set(key, controller);
        sendFile<UploadedFile>('/files', file, {
          signal: controller.signal,
          onProgress: (fraction) =>
            update(key, (u) => (u.state === 'uploading' ? { ...u, progress: Math.round(fraction * 100) } : u)),
        })
          .then(
            (uploaded) => update(key, (u) => ({ ...u, state: 'done', file: uploaded })),
            (error: unknown) => {
              if (error instanceof RestRequestError)
                update(key, (u) => ({ ...u, state: 'failed', error: error.details }));
            },
          )
          .finally(() => controllers.current.delete(key));
        return { ...base, state: 'uploading', progress: 0 };
      });
      setUploads((list) => [...list, ...added]);
    },
    [maxBytes, update],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setUploads((list) => list.filter((upload) => upload.key !== key));
  }, []);

  const clear = useCallback(() => setUploads([]), []);

  const fileIds = uploads.flatMap((u) => (u.state === 'done' ? [u.file.id] : []));
  const busy = uploads.some((u) => u.state === 'uploading');
  const blocked = uploads.some((u) => u.state === 'refused' || u.state === 'failed');
  return { uploads, add, remove, clear, fileIds, busy, blocked };
}
