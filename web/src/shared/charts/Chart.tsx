import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

/**
 * A chart (ECharts, loaded on first use: it is not part of any page's own chunk). `label` describes the
 * chart for screen readers; show the same figures as text or a table next to it.
 */
export function Chart({
  option,
  label,
  height = 260,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: EChartsCoreOption): void; resize(): void; dispose(): void } | undefined;
    const resize = () => chart?.resize();
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
      // No animation: nothing moves on a clerk's screen (Ant Design's motion is off too).
      chart.setOption({ animation: false, ...option });
      window.addEventListener('resize', resize);
      setReady(true);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);

  return (
    <div style={{ position: 'relative', height }}>
      {!ready ? <Skeleton.Node active style={{ width: '100%', height }} /> : null}
      <div ref={ref} role="img" aria-label={label} style={{ position: 'absolute', inset: 0 }} />
    </div>
  );
}
