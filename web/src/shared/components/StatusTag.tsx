import { Tag } from 'antd';
import type { ReactNode } from 'react';

/**
 * A tag in one of a few tones, with white text on a dark background: Ant Design's preset tag colours
 * (green text on pale green …) fall short of WCAG AA contrast.
 */
export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

const TONES: Record<Tone, string | undefined> = {
  success: '#237804',
  warning: '#ad4e00',
  danger: '#a8071a',
  info: '#0958d9',
  neutral: undefined,
};

export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag color={TONES[tone]}>{children}</Tag>;
}
