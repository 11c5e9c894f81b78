// Pure: an alert's reason in words, e.g. "Booking API: uptime 91.2 % over 24 h < 95 %".
import type { AlertMetric, Comparison } from "../contracts";

const SYMBOL: Record<Comparison, string> = { greater_than: ">", less_than: "<", equals: "=", greater_or_equal: "≥", less_or_equal: "≤" };
const STATUS_WORD = ["healthy", "degraded", "down"];

export function windowWords(minutes: number): string {
  if (minutes === 0) return "";
  if (minutes % 1440 === 0) return minutes === 1440 ? "24 h" : `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

function round(v: number, digits = 2): string {
  return String(Math.round(v * 10 ** digits) / 10 ** digits);
}

export function alertMessage(input: {
  system: string | null;
  metric: AlertMetric;
  comparison: Comparison;
  threshold: number;
  windowMinutes: number;
  value: number | null;
}): string {
  const { metric, comparison, threshold, windowMinutes, value } = input;
  const sym = SYMBOL[comparison];
  const over = windowMinutes ? ` over ${windowWords(windowMinutes)}` : "";
  const v = value === null ? "?" : null;
  let text: string;
  switch (metric) {
    case "status":
      text = `status ${v ?? STATUS_WORD[value!] ?? round(value!)} (${sym} ${STATUS_WORD[threshold] ?? threshold})`;
      break;
    case "uptime":
    case "success_rate":
    case "error_rate":
      text = `${metric.replace("_", " ")} ${v ?? round(value!)} %${over} ${sym} ${threshold} %`;
      break;
    case "response_time":
      // A p95 over a window comes from latency histograms: approximate, and said so (≈).
      text = windowMinutes ? `p95 response time ${v ?? `≈ ${Math.round(value!)}`} ms${over} ${sym} ${threshold} ms` : `response time ${v ?? Math.round(value!)} ms ${sym} ${threshold} ms`;
      break;
    case "daily_automations":
      text = `automations ${v ?? round(value!, 0)}${windowMinutes ? over : " today"} ${sym} ${threshold}`;
      break;
    case "cost_savings":
      text = `cost savings ${v ?? round(value!)}${over} ${sym} ${threshold}`;
      break;
    case "flapping":
      text = value === 1 ? "flapping" : "not flapping";
      break;
    case "stalled":
      text = value === 1 ? "stalled: automations stopped" : "running";
      break;
    case "sla":
      text = value === 1 ? "below its SLA target" : "meeting its SLA target";
      break;
  }
  return (input.system ? `${input.system}: ${text}` : text).slice(0, 1000);
}
