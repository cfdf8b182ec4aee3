import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the console draws, so the bundle carries two chart types instead of all of ECharts.
use([CanvasRenderer, LineChart, BarChart, GridComponent, TooltipComponent, MarkLineComponent]);

export { default as VChart } from 'vue-echarts';
