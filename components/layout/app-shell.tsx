import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { AccountSummary, SignOutButton, type ShellUser } from "./account-summary";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { RouteFocus } from "./route-focus";
import { ThemeToggle } from "./theme-toggle";
import { Wordmark } from "./wordmark";

/**
 * Sidebar on desktop, top bar + menu on phones; the page goes in <main id="main">. `user` is
 * the signed-in person (absent only on the app-wide 404 for someone signed out).
 */
export function AppShell({ user, children }: { user?: ShellUser | null; children: ReactNode }) {
  return (
    <div className="min-h-dvh lg:flex">
      <aside className="hidden w-60 shrink-0 border-r border-line bg-surface-muted/60 lg:block dark:bg-black/20">
        <div className="sticky top-0 flex h-dvh flex-col">
          <div className="flex h-16 items-center px-5">
            <Wordmark />
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-2">
            <NavLinks />
          </nav>
          <div className="border-t border-line px-3 pb-3 pt-3">
            {user ? (
              <>
                <div className="px-1.5">
                  <AccountSummary user={user} />
                </div>
                <div className="mt-2 flex items-center justify-between gap-1">
                  <SignOutButton className="min-w-0 flex-1" />
                  <ThemeToggle />
                </div>
              </>
            ) : (
              <div className="flex items-center justify-between gap-2 pl-1.5">
                <Link href="/sign-in" className={buttonClasses({ size: "sm" })}>
                  Sign in
                </Link>
                <ThemeToggle />
              </div>
            )}
          </div>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <MobileNav user={user ?? null} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 pb-16 pt-6 outline-none sm:px-6 lg:px-10 lg:pt-10">
          {children}
        </main>
        <RouteFocus />
      </div>
    </div>
  );
}
