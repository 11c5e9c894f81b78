// OWNER: helper C (PDF). ECharts on the server: SVG strings from the same option builders the
// browser uses (lib/charts/report-chart-options.ts), DejaVu text metrics, always disposed.
import * as echarts from "echarts";
import { reportAutomationChartOption, reportUptimeChartOption } from "@/lib/charts/report-chart-options";
import type { ReportDocument } from "../contracts";
import { reportFontFaces, type FontFace } from "./fonts";

export interface ReportChartSvgs {
  /** null when the period has no uptime data. */
  uptime: string | null;
  /** null when no automations were reported. */
  automations: string | null;
}

/** The family the SVG names; the PDF registers DejaVu under this name (svg-to-pdfkit matches by name). */
export const CHART_FONT_FAMILY = "DejaVu Sans";

interface Metrics {
  unitsPerEm: number;
  advance: (codePoint: number) => number;
}

let platformReady = false;

function fontMetrics(font: FontFace): Metrics {
  const widths = new Map<number, number>();
  return {
    unitsPerEm: font.unitsPerEm,
    advance: (cp) => {
      let w = widths.get(cp);
      if (w === undefined) {
        w = font.glyphForCodePoint(cp).advanceWidth;
        widths.set(cp, w);
      }
      return w;
    },
  };
}

/**
 * ECharts guesses text widths in Node (~15 % short for DejaVu), which misplaces labels and
 * breaks hideOverlap: give it the real advance widths of the TTF the PDF embeds. Once per
 * process (setPlatformAPI is global); this module only runs on the server.
 */
function ensurePlatform(): void {
  if (platformReady) return;
  const fonts = reportFontFaces();
  const regular = fontMetrics(fonts.regular);
  const bold = fontMetrics(fonts.bold);
  echarts.setPlatformAPI({
    measureText(text: string, font?: string) {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? "")?.[1] ?? 12);
      const m = /\b(bold|bolder|[6-9]00)\b/.test(font ?? "") ? bold : regular;
      let units = 0;
      for (const ch of text) units += m.advance(ch.codePointAt(0)!);
      return { width: (units / m.unitsPerEm) * size };
    },
  });
  platformReady = true;
}

function renderSvg(option: echarts.EChartsCoreOption, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    // An undisposed chart keeps timers and the process alive.
    chart.dispose();
  }
}

export function reportChartSvgs(doc: ReportDocument, size: { width: number; height: number }): ReportChartSvgs {
  ensurePlatform();
  const opts = { theme: "light" as const, fontFamily: CHART_FONT_FAMILY };
  const uptime = reportUptimeChartOption(doc.system_health.daily_uptime, doc.system_health.sla_target, opts);
  const automations = reportAutomationChartOption(doc.performance_metrics.has_data ? doc.performance_metrics.daily_automations : [], opts);
  return {
    uptime: uptime.empty ? null : renderSvg(uptime.option, size),
    automations: automations.empty ? null : renderSvg(automations.option, size),
  };
}
