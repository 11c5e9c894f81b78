import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { Wordmark } from "@/components/layout/wordmark";

/** /sign-in and /setup: no app shell, a centred card under the wordmark. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <div className="absolute right-3 top-3 sm:right-5 sm:top-5">
        <ThemeToggle />
      </div>
      <main id="main" tabIndex={-1} className="flex w-full max-w-[26rem] flex-col items-center outline-none">
        <div className="mb-8 mt-6 sm:mt-0">
          <Wordmark linked={false} />
        </div>
        {children}
        <p className="mt-8 text-center text-xs text-subtle">Self-hosted monitoring for the clients you run automations for.</p>
      </main>
    </div>
  );
}
