import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import { apiHeaders } from '@web/shared/api/client';
import { EVIDENCE_ACCEPT } from '@web/shared/files/evidence-types';

/** The answer of `POST /files` the console uses. */
interface Uploaded {
  id: string;
}

/** What `POST /files` answered when it refused, as a Chinese sentence. */
function uploadError(status: number, body: string): string {
  if (status === 413) return '文件太大';
  try {
    const reason = (JSON.parse(body) as { error?: { reason?: string } }).error?.reason;
    if (reason === 'FILE_TYPE_NOT_ALLOWED' || reason === 'FILE_TYPE_MISMATCH')
      return '只能上传 PDF、JPG 或 PNG 文件';
  } catch {
    // not JSON: the status says enough
  }
  return status === 401 ? '登录已过期，请重新登录' : '上传失败，请重试';
}

/** Sends one file to `POST /files` (multipart, field `file`) with progress; resolves with its id. */
type UploadRequest = Parameters<NonNullable<UploadProps<Uploaded>['customRequest']>>[0];

function send({ file, onProgress, onSuccess, onError }: UploadRequest): void {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/files');
  for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) onProgress?.({ percent: Math.round((e.loaded / e.total) * 100) });
  };
  xhr.onload = () => {
    if (xhr.status === 201) onSuccess?.(JSON.parse(xhr.responseText) as Uploaded);
    else onError?.(new Error(uploadError(xhr.status, xhr.responseText)));
  };
  xhr.onerror = () => onError?.(new Error('无法连接服务器，请检查网络后重试'));
  const body = new FormData();
  body.append('file', file);
  xhr.send(body);
}

/**
 * Evidence files for a form field: each file chosen (or photographed on a phone) is uploaded to
 * `POST /files` at once, with its progress; the field's value is the ids of the files uploaded.
 */
export function EvidenceUpload({
  value,
  onChange,
  buttonText = '上传附件',
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  buttonText?: string;
}) {
  const [files, setFiles] = useState<Array<UploadFile<Uploaded>>>([]);
  const idsOf = (list: Array<UploadFile<Uploaded>>): string[] =>
    list.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
  return (
    <Upload<Uploaded>
      multiple
      accept={EVIDENCE_ACCEPT}
      fileList={files}
      customRequest={send}
      onChange={({ fileList }) => {
        const list = fileList.map((f) =>
          f.status === 'error' && f.error instanceof Error ? { ...f, response: undefined } : f,
        );
        setFiles(list);
        const ids = idsOf(list);
        if (ids.join() !== (value ?? []).join()) onChange?.(ids);
      }}
    >
      {/* Named by its own text (what a person sees and says), not by the form label. */}
      <Button icon={<UploadOutlined />}>{buttonText}</Button>
    </Upload>
  );
}
