// The table scaffolding every list shares (clients, API keys, users, audit log): the caption
// for screen readers, one header row style, and sortable headers (a button with aria-sort on
// the cell). Rows stay with each table.
import type { ReactNode } from "react";
import { ChevronDownIcon } from "./icons";

export interface DataTableColumn {
  label: ReactNode;
  /** Padding and responsive visibility of this column's header cell. */
  className: string;
  /** Makes the header a sort button; `direction` is set on the column the rows are sorted by. */
  sort?: { direction: "asc" | "desc" | null; onSort: () => void; align?: "start" | "end" };
}

export function DataTable({
  caption,
  columns,
  children,
  textSize = "text-[13px]",
  testId,
}: {
  caption: ReactNode;
  columns: readonly DataTableColumn[];
  children: ReactNode;
  textSize?: string;
  testId?: string;
}) {
  return (
    <table className={`w-full border-collapse text-left ${textSize}`} data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line bg-surface-muted/70 text-xs font-medium text-subtle dark:bg-white/[0.02]">
          {columns.map((column, i) => (
            <th
              key={i}
              scope="col"
              className={`py-2.5 font-medium ${column.className}`}
              aria-sort={column.sort ? (column.sort.direction === "asc" ? "ascending" : column.sort.direction === "desc" ? "descending" : "none") : undefined}
            >
              {column.sort ? <SortButton label={column.label} {...column.sort} /> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      {children}
    </table>
  );
}

export const ActionsHeader = <span className="sr-only">Actions</span>;

function SortButton({ label, direction, onSort, align = "start" }: { label: ReactNode; direction: "asc" | "desc" | null; onSort: () => void; align?: "start" | "end" }) {
  return (
    <button
      type="button"
      onClick={onSort}
      className={`group/sort -mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 whitespace-nowrap transition-colors hover:text-fg ${align === "end" ? "flex-row-reverse" : ""} ${direction ? "text-fg" : ""}`}
    >
      {label}
      <ChevronDownIcon
        aria-hidden
        className={`size-3.5 transition-transform ${direction ? "opacity-100" : "opacity-0 group-hover/sort:opacity-60 group-focus-visible/sort:opacity-60"} ${direction === "asc" ? "rotate-180" : ""}`}
      />
    </button>
  );
}
