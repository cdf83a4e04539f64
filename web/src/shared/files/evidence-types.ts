/**
 * What a file picker for evidence offers: the types the API accepts (src/files/media-type.ts), by
 * extension and media type — PDF, Word (.docx, .doc), photos (JPEG, PNG, HEIC from phones), CSV, XLSX.
 */
export const EVIDENCE_ACCEPT = [
  '.pdf',
  '.doc',
  '.docx',
  '.jpg',
  '.jpeg',
  '.png',
  '.heic',
  '.heif',
  '.csv',
  '.xlsx',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/heif',
].join(',');
