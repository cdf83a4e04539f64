import { chinaDaysAgo } from './co-owned';

/**
 * A plan's 四议两公开 as a village records it when it submits through the API: the four meetings ten to
 * seven days ago, the decision published six days ago, and the minutes (`fileIds`).
 */
export const decisionEvidence = (fileIds: string[]) => ({
  partyBranchProposalOn: chinaDaysAgo(10),
  twoCommitteesDiscussionOn: chinaDaysAgo(9),
  partyMembersReviewOn: chinaDaysAgo(8),
  representativesDecisionOn: chinaDaysAgo(7),
  decisionPublishedOn: chinaDaysAgo(6),
  fileIds,
});
