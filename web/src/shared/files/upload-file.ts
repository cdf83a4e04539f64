import { apiHeaders } from '@web/shared/api/client';
import { restErrorMessage } from '@web/shared/api/errors';

/** What `POST /files` answers for a stored file. */
export interface UploadedFile {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
  regionCode: string;
}

/**
 * Uploads one evidence file to `POST /files` (multipart: `regionCode` first, then `file`), reporting
 * the bytes sent as they go (XMLHttpRequest: fetch has no upload progress). Rejects with the Chinese
 * message of the API's refusal (too large, a type not allowed, a region out of reach …).
 */
export function uploadFile(
  file: File,
  regionCode: string | undefined,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (regionCode) form.append('regionCode', regionCode);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/files');
    for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        onProgress(100);
        resolve(xhr.response as UploadedFile);
      } else reject(new Error(restErrorMessage(xhr.response, xhr.status)));
    };
    xhr.onerror = () => reject(new Error(restErrorMessage(null, 0)));
    xhr.onabort = () => reject(new Error('已取消上传'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
