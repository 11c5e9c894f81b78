// Pure: turns a validated registration (either shape) into the one shape the verb stores.
import type { z } from "zod";
import { CLIENT_DEFAULTS, hourlyRateCents, SYSTEM_DEFAULTS, type registerClientInputSchema, type systemInputSchema } from "./schemas";

export interface NormalizedSystem {
  name: string;
  healthUrl: string;
  metricsUrl: string | null;
  checkIntervalSec: number;
  timeoutMs: number;
  degradedThresholdMs: number;
  confirmations: number;
  enabled: boolean;
}

export interface NormalizedClient {
  clientId: string;
  name: string;
  industry: string | null;
  contactEmail: string | null;
  tags: string[];
  slaTarget: number;
  active: boolean;
  timeZone: string;
  hourlyRateCents: number;
  currency: string;
  systems: NormalizedSystem[];
}

const DEFAULT_SLA_TARGET = 99.5;

/**
 * The seed's `monitoring_endpoints` are base URLs: `https://tnt-api.example.com` checks
 * `/health` and pulls `/metrics`. A URL that already ends in /health is used as it is, and its
 * metrics URL is its sibling /metrics.
 */
export function endpointsFromBaseUrl(raw: string): { healthUrl: string; metricsUrl: string } {
  const url = new URL(raw);
  const base = url.pathname.replace(/\/+$/, "");
  if (/\/health$/i.test(base)) {
    const metrics = new URL(url);
    metrics.pathname = base.replace(/\/health$/i, "/metrics");
    metrics.search = "";
    return { healthUrl: url.toString(), metricsUrl: metrics.toString() };
  }
  const health = new URL(url);
  health.pathname = `${base}/health`;
  const metrics = new URL(url);
  metrics.pathname = `${base}/metrics`;
  metrics.search = "";
  return { healthUrl: health.toString(), metricsUrl: metrics.toString() };
}

export function normalizeSystem(s: z.output<typeof systemInputSchema>): NormalizedSystem {
  return {
    name: s.name,
    healthUrl: s.health_url,
    metricsUrl: s.metrics_url ?? null,
    checkIntervalSec: s.check_interval_seconds,
    timeoutMs: s.timeout_ms,
    degradedThresholdMs: s.degraded_threshold_ms,
    confirmations: s.confirmations,
    enabled: s.enabled,
  };
}

export function normalizeRegistration(input: z.output<typeof registerClientInputSchema>): NormalizedClient {
  const systems = (input.systems ?? []).map(normalizeSystem);
  (input.automation_systems ?? []).forEach((name, i) => {
    const { healthUrl, metricsUrl } = endpointsFromBaseUrl(input.monitoring_endpoints![i]);
    systems.push({
      name,
      healthUrl,
      metricsUrl,
      checkIntervalSec: SYSTEM_DEFAULTS.check_interval_seconds,
      timeoutMs: SYSTEM_DEFAULTS.timeout_ms,
      degradedThresholdMs: SYSTEM_DEFAULTS.degraded_threshold_ms,
      confirmations: SYSTEM_DEFAULTS.confirmations,
      enabled: SYSTEM_DEFAULTS.enabled,
    });
  });
  return {
    clientId: input.client_id,
    name: (input.client_name ?? input.name)!,
    industry: input.industry ?? null,
    contactEmail: input.contact_email ?? null,
    tags: [...new Set(input.tags ?? [])],
    slaTarget: input.sla_target ?? DEFAULT_SLA_TARGET,
    active: input.active ?? true,
    timeZone: input.time_zone ?? CLIENT_DEFAULTS.time_zone,
    hourlyRateCents: hourlyRateCents(input.hourly_rate ?? CLIENT_DEFAULTS.hourly_rate),
    currency: input.currency ?? CLIENT_DEFAULTS.currency,
    systems,
  };
}
