import Link from "next/link";
import { Fragment } from "react";
import { ChevronRightIcon } from "./icons";

export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex min-w-0 items-center gap-1 text-[13px] text-subtle">
        {items.map((item, i) => (
          <Fragment key={`${item.label}-${i}`}>
            {i > 0 ? (
              <li aria-hidden>
                <ChevronRightIcon className="size-3.5" />
              </li>
            ) : null}
            <li className="min-w-0 truncate" aria-current={item.href ? undefined : "page"}>
              {item.href ? (
                <Link href={item.href} className="rounded transition-colors hover:text-fg">
                  {item.label}
                </Link>
              ) : (
                <span className="text-muted">{item.label}</span>
              )}
            </li>
          </Fragment>
        ))}
      </ol>
    </nav>
  );
}
