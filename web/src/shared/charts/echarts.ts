/**
 * The parts of ECharts the console uses, registered once. Import this module only with `import()`
 * (see Chart.tsx): ECharts then lands in its own chunk, loaded by the first page that shows a chart.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
