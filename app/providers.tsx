"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { FetchJsonError } from "@/lib/ui/fetch-json";
import { syncThemeClass } from "@/lib/ui/theme";

export function Providers({ children }: { children: ReactNode }) {
  // One QueryClient per browser tab (useState keeps it across re-renders, never shared between requests).
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // A 401 while polling means the session ended (signed out elsewhere, password or role
        // changed, deactivated): go to sign-in rather than show stale data as "live".
        queryCache: new QueryCache({
          onError: (error) => {
            // A full load on purpose: it drops every cached query of the ended session (no router here).
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination
            if (error instanceof FetchJsonError && error.status === 401) window.location.assign("/sign-in?notice=session-ended");
          },
        }),
        defaultOptions: {
          queries: { staleTime: 10_000, refetchOnWindowFocus: true, retry: (count, error) => !(error instanceof FetchJsonError && error.status === 401) && count < 1 },
        },
      }),
  );
  useEffect(syncThemeClass, []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
