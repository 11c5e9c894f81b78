// The one factory for TanStack Query keys, so a mutation can invalidate exactly what it
// changed (e.g. everything under ["clients"]) without guessing string arrays.
export const queryKeys = {
  all: ["clientpulse"] as const,
  dashboard: {
    all: () => [...queryKeys.all, "dashboard"] as const,
    summary: (opts: { includeInactive: boolean }) => [...queryKeys.dashboard.all(), "summary", opts] as const,
    trends: (days: number) => [...queryKeys.dashboard.all(), "trends", days] as const,
    /** GET /api/metrics/portfolio with these parameters (timeframe, or start + end). */
    portfolio: (params: Record<string, string>) => [...queryKeys.dashboard.all(), "portfolio", params] as const,
  },
  clients: {
    all: () => [...queryKeys.all, "clients"] as const,
    list: (opts: { includeInactive: boolean }) => [...queryKeys.clients.all(), "list", opts] as const,
    detail: (clientId: string) => [...queryKeys.clients.all(), "detail", clientId] as const,
    /** A client's history (one system, or all when null) for one timeframe. */
    history: (clientId: string, system: string | null, timeframe: string) =>
      [...queryKeys.clients.all(), "history", clientId, { system, timeframe }] as const,
    /** A client's performance figures or chart series for one timeframe. */
    performance: (clientId: string, part: "figures" | "series", timeframe: string) => [...queryKeys.clients.all(), "performance", clientId, part, timeframe] as const,
    metricPulls: (clientId: string) => [...queryKeys.clients.all(), "metric-pulls", clientId] as const,
    /** A client's maintenance windows (GET /api/clients/{id}/maintenance-windows). */
    maintenance: (clientId: string) => [...queryKeys.clients.all(), "maintenance", clientId] as const,
  },
  deliveries: {
    all: () => [...queryKeys.all, "deliveries"] as const,
    /** GET /api/deliveries with these parameters (state, channel_id, client_id, cursor). */
    list: (params: Record<string, string>) => [...queryKeys.deliveries.all(), "list", params] as const,
    detail: (id: string) => [...queryKeys.deliveries.all(), "detail", id] as const,
    /** GET /api/alert-channels/failing (admins). */
    failingChannels: () => [...queryKeys.deliveries.all(), "failing-channels"] as const,
  },
  /** Alert rules (GET /api/alert-thresholds) for a client slug (with the "*" ones) or "*", and the channels. */
  alertRules: {
    all: () => [...queryKeys.all, "alert-rules"] as const,
    list: (scope: string) => [...queryKeys.alertRules.all(), "list", scope] as const,
    channels: () => [...queryKeys.alertRules.all(), "channels"] as const,
  },
  alerts: {
    all: () => [...queryKeys.all, "alerts"] as const,
    /** GET /api/alerts with these filters. */
    list: (filters: Record<string, string>) => [...queryKeys.alerts.all(), "list", filters] as const,
    detail: (id: string) => [...queryKeys.alerts.all(), "detail", id] as const,
  },
  /** Generated reports (GET /api/reports with these parameters: client_id, report_type, schedule_id, limit). */
  reports: {
    all: () => [...queryKeys.all, "reports"] as const,
    list: (params: Record<string, string>) => [...queryKeys.reports.all(), "list", params] as const,
    detail: (id: string) => [...queryKeys.reports.all(), "detail", id] as const,
  },
  /** Report schedules (GET /api/report-schedules?client_id=; "" = every client). */
  reportSchedules: {
    all: () => [...queryKeys.all, "report-schedules"] as const,
    list: (clientId: string) => [...queryKeys.reportSchedules.all(), "list", clientId] as const,
  },
  /** White-label settings (GET /api/settings/agency). */
  agencySettings: () => [...queryKeys.all, "agency-settings"] as const,
};
