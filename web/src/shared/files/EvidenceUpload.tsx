import { CameraOutlined, DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { uploadFile } from './upload-file';
import { EVIDENCE_ACCEPT } from './evidence-types';

/** The types `POST /files` takes (media-type.ts of the API), for the file picker. */

interface Item {
  key: number;
  name: string;
  size: number;
  percent: number;
  status: 'uploading' | 'done' | 'error';
  fileId?: string;
  error?: string;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * Evidence files for a form field (`value`: the ids of the files uploaded so far): 拍照 opens the
 * phone's camera (`capture="environment"`), 选择文件 any allowed file. Each file is uploaded at once to
 * `POST /files` with a progress bar, then listed with its size; a refused one shows why, in Chinese.
 * `regionCode` is the region the files belong to (the asset's village), so that the record may cite them.
 */
export function EvidenceUpload({
  label,
  regionCode,
  value,
  onChange,
  onUploadingChange,
  id,
}: {
  /** Names the list and the buttons for assistive technology (对应表单项的名称). */
  label: string;
  regionCode?: string;
  value?: string[];
  onChange?: (fileIds: string[]) => void;
  /** Whether a file is still on its way: a form that saves meanwhile would leave it out. */
  onUploadingChange?: (uploading: boolean) => void;
  id?: string;
}) {
  // The inputs stay hidden: the two buttons are what people (and assistive technology) use.
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const next = useRef(0);
  const [items, setItems] = useState<Item[]>([]);
  const aborts = useRef(new Map<number, AbortController>());

  // The form's value: the ids of the files stored, in the order they were chosen.
  const done = items.filter((i) => i.status === 'done').map((i) => i.fileId!);
  const doneKey = done.join(',');
  useEffect(() => {
    if (doneKey !== (value ?? []).join(',')) onChange?.(doneKey ? doneKey.split(',') : []);
    // Only when the stored files change, not when the form echoes them back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doneKey]);
  const uploading = items.some((i) => i.status === 'uploading');
  useEffect(() => {
    if (!uploading) return;
    onUploadingChange?.(true);
    // Told again when the last one is done, failed or removed, or the field goes away.
    return () => onUploadingChange?.(false);
  }, [uploading, onUploadingChange]);
  useEffect(() => {
    const pending = aborts.current;
    return () => pending.forEach((a) => a.abort());
  }, []);

  const update = (key: number, change: Partial<Item>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = (file: File) => {
    const key = next.current++;
    const abort = new AbortController();
    aborts.current.set(key, abort);
    setItems((list) => [...list, { key, name: file.name, size: file.size, percent: 0, status: 'uploading' }]);
    uploadFile(file, regionCode, (percent) => update(key, { percent }), abort.signal)
      .then((stored) => update(key, { status: 'done', percent: 100, fileId: stored.id }))
      .catch((e: unknown) =>
        update(key, { status: 'error', error: e instanceof Error ? e.message : '上传失败，请重试' }),
      )
      .finally(() => aborts.current.delete(key));
  };

  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    for (const file of Array.from(event.target.files ?? [])) start(file);
    event.target.value = ''; // the same file may be chosen again after removing it
  };

  const remove = (key: number) => {
    aborts.current.get(key)?.abort();
    setItems((list) => list.filter((i) => i.key !== key));
  };

  return (
    <div id={id} role="group" aria-label={label}>
      <Space wrap>
        <Button icon={<CameraOutlined />} onClick={() => camera.current?.click()}>
          拍照
        </Button>
        <Button icon={<PaperClipOutlined />} onClick={() => picker.current?.click()}>
          选择文件
        </Button>
      </Space>
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        // Ant Design's form styles show file inputs (display: block) over the hidden attribute.
        style={{ display: 'none' }}
        aria-hidden
        tabIndex={-1}
        onChange={chosen}
      />
      <input
        ref={picker}
        type="file"
        accept={EVIDENCE_ACCEPT}
        multiple
        hidden
        // Ant Design's form styles show file inputs (display: block) over the hidden attribute.
        style={{ display: 'none' }}
        aria-hidden
        tabIndex={-1}
        onChange={chosen}
      />
      {items.length > 0 ? (
        <ul className="plain-list upload-list" aria-label={label}>
          {items.map((i) => (
            <li key={i.key}>
              <div className="upload-row">
                <span className="upload-name">
                  {i.name}（{sizeText(i.size)}）
                </span>
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={`移除 ${i.name}`}
                  onClick={() => remove(i.key)}
                />
              </div>
              <Progress
                percent={i.percent}
                size="small"
                status={i.status === 'error' ? 'exception' : i.status === 'done' ? 'success' : 'active'}
                aria-label={`${i.name} 上传进度`}
              />
              {i.status === 'done' ? (
                <Typography.Text type="success">上传完成</Typography.Text>
              ) : i.status === 'error' ? (
                <Typography.Text type="danger" role="alert">
                  上传失败：{i.error}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">正在上传 {i.percent}%</Typography.Text>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
