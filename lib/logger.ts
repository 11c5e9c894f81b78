// Structured one-line logs. Secrets never reach here: callers log ids and messages, and
// error objects are reduced to name + message (+ stack outside production).
import { getEnv } from "@/lib/env";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, ...(process.env.NODE_ENV !== "production" ? { stack: value.stack } : {}) };
  }
  return value;
}

function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  let threshold: number = LEVELS.info;
  try {
    threshold = LEVELS[getEnv().LOG_LEVEL];
  } catch {
    /* invalid env is reported elsewhere; keep logging */
  }
  if (LEVELS[level] < threshold) return;
  const entry: Record<string, unknown> = { t: new Date().toISOString(), level, msg: message };
  for (const [k, v] of Object.entries(fields)) entry[k] = describe(v);
  (level === "error" || level === "warn" ? console.error : console.log)(JSON.stringify(entry));
}

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => log("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => log("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => log("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => log("error", m, f),
};
