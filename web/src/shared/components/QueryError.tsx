import { Alert, Button } from 'antd';
import type { CombinedError } from 'urql';
import { errorMessage } from '@web/shared/api/errors';

/** The Chinese message of a failed query, with a retry. */
export function QueryError({ error, retry }: { error: CombinedError; retry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      message={errorMessage(error)}
      action={
        retry ? (
          <Button size="small" onClick={retry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
