import type { Dayjs } from 'dayjs';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage, errorReason } from '@web/shared/api/errors';

const SubmitPlanDoc = graphql(`
  mutation SubmitPlan($id: ID!, $decision: DecisionEvidenceInput!) {
    submitDistributionPlan(id: $id, decisionEvidence: $decision) {
      id
      status
      version
      submittedAt
      policyVersion
    }
  }
`);

/** The 四议两公开 fields of a form: the five dates and the files. */
export interface DecisionValues {
  partyBranchProposalOn?: Dayjs;
  twoCommitteesDiscussionOn?: Dayjs;
  partyMembersReviewOn?: Dayjs;
  representativesDecisionOn?: Dayjs;
  decisionPublishedOn?: Dayjs;
  fileIds?: string[];
}

/** A rule the plan breaks, as the API's check (at submission) found it. */
export interface PlanFinding {
  field: string;
  message: string;
}

export type SubmitOutcome =
  | { ok: true }
  | { ok: false; findings: PlanFinding[] }
  | { ok: false; findings?: undefined; message: string };

const DAY = 'YYYY-MM-DD';
const day = (d: Dayjs | undefined): string => d?.format(DAY) ?? '';

/**
 * Submits a draft to the township (提交备案). The API checks the plan against the rules and the district's
 * policy; when it breaks any, nothing is written and every finding comes back for the form to show.
 */
export function useSubmitPlan(): [boolean, (id: string, v: DecisionValues) => Promise<SubmitOutcome>] {
  const [{ fetching }, submit] = useMutation(SubmitPlanDoc);
  const run = async (id: string, v: DecisionValues): Promise<SubmitOutcome> => {
    const result = await submit({
      id,
      decision: {
        partyBranchProposalOn: day(v.partyBranchProposalOn),
        twoCommitteesDiscussionOn: day(v.twoCommitteesDiscussionOn),
        partyMembersReviewOn: day(v.partyMembersReviewOn),
        representativesDecisionOn: day(v.representativesDecisionOn),
        decisionPublishedOn: day(v.decisionPublishedOn),
        fileIds: v.fileIds ?? [],
      },
    });
    if (result.data) return { ok: true };
    const ext = result.error?.graphQLErrors[0]?.extensions as
      { fields?: Array<{ field: string; message: string }> } | undefined;
    if (errorReason(result.error) === 'PLAN_RULES_VIOLATED' && ext?.fields?.length) {
      return { ok: false, findings: ext.fields.map((f) => ({ field: f.field, message: f.message })) };
    }
    return { ok: false, message: errorMessage(result.error) ?? '提交失败，请重试' };
  };
  return [fetching, run];
}
