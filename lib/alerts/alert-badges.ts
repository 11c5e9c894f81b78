// The badge of a client with no firing alert (see clients-overview.ts for the counts).
import type { ClientAlertBadge } from "./contracts";

export const NO_ALERTS: ClientAlertBadge = { firing: 0, critical: 0, unacknowledged: 0 };
