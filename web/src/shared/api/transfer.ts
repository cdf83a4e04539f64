import { apiHeaders } from '@web/shared/api/client';

/** What POST /files answers: the stored evidence file. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mediaType: string;
}

/** The REST API's refusals of an upload, in Chinese (its English message is never shown). */
const UPLOAD_REASONS: Record<string, string> = {
  FILE_MISSING: '没有收到文件，请重新选择',
  FILE_EMPTY: '文件是空的，请检查后重新选择',
  FILE_TOO_LARGE: '文件太大，超过了允许的上限',
  FILE_TYPE_NOT_ALLOWED: '不支持该类型的文件：请上传 .xlsx 或 .csv 文件',
  FILE_TYPE_MISMATCH: '文件内容与扩展名不符，请用 Excel 另存为 .xlsx 后再上传',
  FILE_NOT_A_WORKBOOK: '该文件不是有效的 Excel 工作簿，请用 Excel 另存为 .xlsx 后再上传',
  FILE_UPLOAD_INVALID: '上传的内容不完整，请重试',
  OUT_OF_SCOPE: '该文件不在您的管辖范围内',
  FORBIDDEN: '您没有上传文件的权限',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
};

/** A refusal or failure of a transfer, with the sentence to show. */
export class TransferError extends Error {}

function refusal(status: number, body: string): TransferError {
  let reason: string | undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; reason?: string } };
    reason = parsed.error?.reason ?? parsed.error?.code;
  } catch {
    reason = undefined;
  }
  const text =
    (reason && UPLOAD_REASONS[reason]) ??
    (status === 413
      ? UPLOAD_REASONS.FILE_TOO_LARGE
      : status >= 500
        ? '服务器暂时无法处理，请稍后重试'
        : '上传未被接受，请检查文件后重试');
  return new TransferError(text);
}

/**
 * POST /files (multipart, field `file`) with the session's headers, reporting the share of bytes sent
 * (0–100) as it goes: XMLHttpRequest, because fetch reports no upload progress.
 */
export function uploadFile(file: File, onProgress: (percent: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/files');
    for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) {
        onProgress(100);
        resolve(JSON.parse(xhr.responseText) as UploadedFile);
      } else reject(refusal(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new TransferError('无法连接服务器，请检查网络后重试'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * GET a file of the API (an export, a template) with the session's headers, reporting the share of bytes
 * received (0–100, when the size is known) as it goes.
 */
export async function downloadBlob(path: string, onProgress: (percent: number) => void): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, { headers: apiHeaders() });
  } catch {
    throw new TransferError('无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw new TransferError(res.status === 404 ? '找不到该文件' : '下载失败，请稍后重试');
  const total = Number(res.headers.get('content-length') ?? 0);
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  if (!res.body || !total) {
    const blob = await res.blob();
    onProgress(100);
    return blob;
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    onProgress(Math.min(100, Math.round((received / total) * 100)));
  }
  onProgress(100);
  return new Blob(parts as BlobPart[], { type });
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
