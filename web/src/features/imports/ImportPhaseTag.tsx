import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetImportPhase } from '@web/gql/enums';
import { StatusTag, type Tone } from '@web/shared/components/StatusTag';
import { importPhaseLabels } from '@web/shared/labels/enums';
import type { ImportKind } from './recent-imports';

const AssetImportPhaseQuery = graphql(`
  query AssetImportPhase($id: ID!) {
    assetImport(id: $id) {
      id
      phase
    }
  }
`);

const HouseholdImportPhaseQuery = graphql(`
  query HouseholdImportPhase($id: ID!) {
    householdImport(id: $id) {
      id
      phase
    }
  }
`);

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

/** The current phase of one import job, asked of the server. */
export function ImportPhaseTag({ kind, id }: { kind: ImportKind; id: string }) {
  const [assets] = useQuery({ query: AssetImportPhaseQuery, variables: { id }, pause: kind !== 'assets' });
  const [households] = useQuery({
    query: HouseholdImportPhaseQuery,
    variables: { id },
    pause: kind !== 'households',
  });
  const result = kind === 'assets' ? assets : households;
  const phase = kind === 'assets' ? assets.data?.assetImport.phase : households.data?.householdImport.phase;
  if (result.error) return <StatusTag tone="neutral">无法查看</StatusTag>;
  return phase ? <PhaseTag phase={phase} /> : null;
}
