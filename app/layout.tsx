import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { themeInitScript } from "@/lib/ui/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ClientPulse", template: "%s · ClientPulse" },
  description: "Which client needs attention, and why: health, performance and reports for every automation you run.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#0f0f11" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets class="dark" before React hydrates, hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-dvh bg-canvas text-fg antialiased">
        <a
          href="#main"
          className="fixed left-3 top-3 z-50 -translate-y-20 rounded-lg bg-zinc-900 px-3 py-2 text-sm font-medium text-white shadow-lg transition-transform focus:translate-y-0 dark:bg-zinc-50 dark:text-zinc-900"
        >
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
