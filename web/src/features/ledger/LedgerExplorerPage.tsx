import { Tabs } from 'antd';
import { PageContainer } from '@web/shared/components/PageContainer';
import { CheckpointsSection } from './CheckpointsSection';
import { EntriesSection } from './EntriesSection';
import { VerificationSection } from './VerificationSection';

/** 审计账本: the ledger's entries and a record's verified history, verification, checkpoints. */
export default function LedgerExplorerPage() {
  return (
    <PageContainer title="审计账本">
      <Tabs
        items={[
          { key: 'entries', label: '账本条目', children: <EntriesSection /> },
          { key: 'verify', label: '校验与对账', children: <VerificationSection /> },
          { key: 'checkpoints', label: '检查点', children: <CheckpointsSection /> },
        ]}
      />
    </PageContainer>
  );
}
