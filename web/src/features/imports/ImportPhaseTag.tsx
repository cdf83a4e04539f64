import type { AssetImportPhase } from '@web/gql/enums';
import { StatusTag, type Tone } from '@web/shared/components/StatusTag';
import { importPhaseLabels } from '@web/shared/labels/enums';

const TONES: Record<AssetImportPhase, Tone> = {
  PARSING: 'info',
  VALIDATING: 'info',
  IMPORTING: 'info',
  SUCCEEDED: 'success',
  FAILED: 'danger',
};

/** The phase of an import job as a tag (读取文件 … 已完成 / 未导入). */
export function PhaseTag({ phase }: { phase: AssetImportPhase }) {
  return <StatusTag tone={TONES[phase]}>{importPhaseLabels[phase]}</StatusTag>;
}
