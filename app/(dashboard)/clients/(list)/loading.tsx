import { Skeleton } from "@/components/ui/skeleton";
import { TableSkeleton } from "@/components/ui/table-skeleton";

export default function ClientsLoading() {
  return (
    <div className="flex flex-col gap-6 lg:gap-8" aria-busy="true">
      <span className="sr-only" role="status">
        Loading clients…
      </span>
      <div className="flex items-end justify-between gap-4">
        <div className="flex flex-col gap-2">
          <Skeleton className="h-7 w-32" />
          <Skeleton className="h-4 w-64" />
        </div>
        <Skeleton className="h-9 w-36" />
      </div>
      <TableSkeleton rows={6} />
    </div>
  );
}
