"use client";

// The one place ECharts is wired into React: only the chart types and components the app
// uses are registered (the full bundle is ~1 MB), rendered on canvas. Load it with
// next/dynamic({ ssr: false }): ECharts measures the DOM and has nothing to render on a server.
import ReactEChartsCore from "echarts-for-react/lib/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { EChartsOption } from "echarts";

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function EChart({ option, className }: { option: EChartsOption; className?: string }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      // Replace, never merge: switching from raw checks to rollups changes the series.
      notMerge
      lazyUpdate
      className={className}
      style={{ height: "100%", width: "100%" }}
    />
  );
}
