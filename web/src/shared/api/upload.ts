import { apiHeaders } from './client';

/** Uploads one file as evidence (POST /files, with the session's headers); returns its id. */
export async function uploadFile(file: File): Promise<string> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch('/files', { method: 'POST', headers: apiHeaders(), body });
  const json = (await res.json().catch(() => ({}))) as { id?: string; message?: string };
  if (!res.ok || !json.id) throw new Error(json.message ?? `上传失败（HTTP ${res.status}）`);
  return json.id;
}
