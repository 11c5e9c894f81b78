"use client";

import { PageError } from "@/components/layout/page-error";

/** A dashboard page that failed to load (inside the app shell). */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError error={error} retry={retry} />;
}
