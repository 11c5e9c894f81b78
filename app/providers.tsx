"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { syncThemeClass } from "@/lib/ui/theme";

export function Providers({ children }: { children: ReactNode }) {
  // One QueryClient per browser tab (useState keeps it across re-renders, never shared between requests).
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 10_000, refetchOnWindowFocus: true, retry: 1 },
        },
      }),
  );
  useEffect(syncThemeClass, []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
