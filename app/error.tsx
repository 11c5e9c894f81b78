"use client";

import { PageError } from "@/components/layout/page-error";

/**
 * Errors outside a page's own boundary, e.g. the dashboard layout's session lookup when the
 * database is unreachable: the same calm page, without the app shell (it needs the database).
 */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl items-center px-4">
      <div className="w-full">
        <PageError error={error} retry={retry} />
      </div>
    </main>
  );
}
