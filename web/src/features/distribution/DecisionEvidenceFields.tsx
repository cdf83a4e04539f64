import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { todayLocalDate } from '@web/shared/format/dates';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';

/** The four deliberations and the publication (四议两公开), in the order they must happen. */
export const DECISION_STEPS = [
  ['partyBranchProposalOn', '村党组织提议'],
  ['twoCommitteesDiscussionOn', '村两委会议商议'],
  ['partyMembersReviewOn', '党员大会审议'],
  ['representativesDecisionOn', '村民代表会议决议'],
  ['decisionPublishedOn', '决议公开'],
] as const;

/**
 * The 四议两公开 part of a form: five dates, none in the future and each not before the one above, and
 * the files that show them (the resolution, the minutes, a photo of the publication), uploaded at once.
 */
export function DecisionEvidenceFields() {
  const today = dayjs(todayLocalDate());
  return (
    <>
      {DECISION_STEPS.map(([name, label], i) => (
        <Form.Item
          key={name}
          label={label}
          name={name}
          dependencies={i > 0 ? [DECISION_STEPS[i - 1][0]] : []}
          rules={[
            { required: true, message: `请选择${label}的日期` },
            ({ getFieldValue }) => ({
              validator: async (_, value?: Dayjs) => {
                if (!value) return;
                if (value.isAfter(today, 'day')) throw new Error('日期不能晚于今天');
                const before =
                  i > 0 ? (getFieldValue(DECISION_STEPS[i - 1][0]) as Dayjs | undefined) : undefined;
                if (before && value.isBefore(before, 'day'))
                  throw new Error(`不能早于${DECISION_STEPS[i - 1][1]}的日期`);
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ))}
      <Form.Item
        label="决议及公开的附件"
        name="fileIds"
        extra="村民代表会议决议、会议记录、决议公开的照片等（PDF、JPG 或 PNG）"
      >
        <EvidenceUpload label="决议及公开的附件" />
      </Form.Item>
    </>
  );
}
