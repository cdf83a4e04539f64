import { useCallback, useRef, useState } from 'react';

/**
 * Whether any evidence field of a form is still uploading: give `onUploadingChange` to each of the form's
 * `EvidenceUpload`s (each says true when its first file starts, false when its last one ends), and refuse
 * to save while `uploading` — a file still on its way would be left out of the record without a word.
 */
export function useUploadsInFlight(): { uploading: boolean; onUploadingChange: (busy: boolean) => void } {
  const count = useRef(0);
  const [uploading, setUploading] = useState(false);
  const onUploadingChange = useCallback((busy: boolean) => {
    count.current = Math.max(0, count.current + (busy ? 1 : -1));
    setUploading(count.current > 0);
  }, []);
  return { uploading, onUploadingChange };
}
