"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/lib/ui/class-names";
import { ComingBadge } from "@/components/ui/coming-badge";
import { isActivePath, NAV_ITEMS } from "./nav-items";

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-0.5">
      {NAV_ITEMS.map(({ href, label, icon: Icon, coming }) => {
        const active = isActivePath(pathname, href);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cx(
                "group flex items-center gap-3 rounded-lg px-2.5 py-2 text-sm font-medium transition-colors",
                active
                  ? "bg-zinc-900/[0.06] text-fg dark:bg-white/[0.08]"
                  : "text-muted hover:bg-zinc-900/[0.04] hover:text-fg dark:hover:bg-white/[0.04]",
              )}
            >
              <Icon className={cx("size-[18px]", active ? "text-fg" : "text-subtle group-hover:text-muted")} />
              {label}
              {coming ? (
                <>
                  {" "}
                  <ComingBadge className="ml-auto" />
                </>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
