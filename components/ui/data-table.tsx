// The table scaffolding every list shares (clients, API keys, users, audit log): the caption
// for screen readers and one header row style. Rows stay with each table.
import type { ReactNode } from "react";

export interface DataTableColumn {
  label: ReactNode;
  /** Padding and responsive visibility of this column's header cell. */
  className: string;
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
            <th key={i} scope="col" className={`py-2.5 font-medium ${column.className}`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      {children}
    </table>
  );
}

export const ActionsHeader = <span className="sr-only">Actions</span>;
