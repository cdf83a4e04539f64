import { CopyOutlined, ExportOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Input, Modal, QRCode, Typography } from 'antd';
import { DateRange } from '@web/shared/components/DateRange';
import { formatDate } from '@web/shared/format/dates';
import { copyText } from './copy-text';

/** A published link as the share dialog shows it. */
export interface SharedLink {
  villageName: string;
  year: number;
  url: string;
  publicityStart: string;
  publicityEnd: string;
  expiresAt: string;
}

/** Copies a link and says so (or says how to copy it by hand). */
export function useCopyLink(): (url: string) => Promise<void> {
  const { message } = App.useApp();
  return async (url) => {
    if (await copyText(url)) void message.success('已复制公示链接，可粘贴到村民微信群');
    else void message.error('无法自动复制，请长按链接文字手动复制');
  };
}

/**
 * 公示链接: the public page's address as text (to paste into the village's WeChat group), 复制链接,
 * 打开 and its QR code (to print on the notice board): anyone may open it without signing in.
 */
export function ShareLinkModal({
  link,
  published,
  onClose,
}: {
  link: SharedLink;
  /** Just published: the dialog says so. */
  published?: boolean;
  onClose: () => void;
}) {
  const copy = useCopyLink();
  return (
    <Modal
      title={published ? '年度公示已发布' : '公示链接'}
      open
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          完成
        </Button>
      }
      destroyOnHidden
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="村">{link.villageName}</Descriptions.Item>
        <Descriptions.Item label="年度">{`${link.year} 年`}</Descriptions.Item>
        <Descriptions.Item label="公示期">
          <DateRange from={link.publicityStart} to={link.publicityEnd} />
        </Descriptions.Item>
        <Descriptions.Item label="链接有效至">{formatDate(link.expiresAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">
        村民无需登录即可查看。请复制链接发到本村微信群，或打印二维码张贴在公示栏。
      </Typography.Paragraph>
      <label htmlFor="disclosureLinkText">公示链接</label>
      <Input.TextArea
        id="disclosureLinkText"
        readOnly
        autoSize
        value={link.url}
        onFocus={(e) => e.currentTarget.select()}
        style={{ wordBreak: 'break-all', margin: '4px 0 8px' }}
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Button icon={<CopyOutlined />} onClick={() => void copy(link.url)}>
          复制链接
        </Button>
        <Button icon={<ExportOutlined />} href={link.url} target="_blank" rel="noopener noreferrer">
          打开
        </Button>
      </Flex>
      <figure style={{ margin: 0 }}>
        <QRCode
          value={link.url}
          size={200}
          bordered={false}
          type="svg"
          aria-label={`${link.villageName} ${link.year} 年度公示链接的二维码`}
        />
        <figcaption>
          <Typography.Text type="secondary">{`扫码查看 ${link.villageName} ${link.year} 年度公示`}</Typography.Text>
        </figcaption>
      </figure>
    </Modal>
  );
}
