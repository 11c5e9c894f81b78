import type { ApiKeyOutput } from "@/lib/api-keys/schemas";
import { apiKeyAccessLabel, apiKeyStatus, type ApiKeyStatus } from "@/lib/ui/api-keys";
import { formatAgo, formatDateUtc, formatTimestampUtc } from "@/lib/ui/relative-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon } from "@/components/ui/icons";
import { RevokeApiKeyButton } from "./revoke-api-key-button";
import { ActionsHeader, DataTable } from "@/components/ui/data-table";

const STATUS: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "emerald" },
  expired: { label: "Expired", tone: "amber" },
  revoked: { label: "Revoked", tone: "neutral" },
};

function When({ iso, now, empty }: { iso: string | null; now: number; empty: string }) {
  if (!iso) return <span className="text-subtle">{empty}</span>;
  return (
    <time dateTime={iso} title={formatTimestampUtc(iso)} className="whitespace-nowrap tabular-nums">
      {formatAgo(Date.parse(iso), now)}
    </time>
  );
}

/** Every key ever created (revoked ones stay listed, for the record); newest first. */
export function ApiKeysTable({ keys, now }: { keys: readonly ApiKeyOutput[]; now: number }) {
  if (keys.length === 0) {
    return (
      <EmptyState icon={KeyIcon} title="No API keys yet" compact headingLevel={3}>
        Create one above for a script, a dashboard or an AI assistant.
      </EmptyState>
    );
  }
  return (
    <div className="relative overflow-x-auto">
      <DataTable
        caption="API keys"
        testId="api-keys-table"
        columns={[
          { label: "Key", className: "pl-5 pr-3" },
          { label: "Access", className: "hidden px-3 sm:table-cell" },
          { label: "Created by", className: "hidden px-3 lg:table-cell" },
          { label: "Last used", className: "hidden px-3 md:table-cell" },
          { label: "Expires", className: "hidden px-3 md:table-cell" },
          { label: "Status", className: "hidden px-3 sm:table-cell" },
          { label: ActionsHeader, className: "pl-3 pr-5 text-right" },
        ]}
      >
        <tbody className="divide-y divide-line">
          {keys.map((key) => {
            const status = apiKeyStatus(key, now);
            return (
              <tr key={key.id} data-testid="api-key-row" className={status === "active" ? undefined : "text-muted"}>
                <td className="w-full max-w-0 py-3 pl-5 pr-3 sm:w-[30%]">
                  <p className={status === "active" ? "truncate font-medium text-fg" : "truncate font-medium"}>{key.name}</p>
                  <p className="mt-0.5 truncate font-mono text-xs text-subtle">{key.prefix}…</p>
                  <p className="mt-0.5 truncate text-xs text-subtle sm:hidden">
                    {apiKeyAccessLabel(key.scopes)} · {key.client_id ?? "all clients"}
                  </p>
                  <p className="mt-1.5 sm:hidden">
                    <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
                  </p>
                </td>
                <td className="hidden px-3 py-3 sm:table-cell">
                  <p className="whitespace-nowrap text-fg">{apiKeyAccessLabel(key.scopes)}</p>
                  <p className="mt-0.5 truncate text-xs text-subtle">
                    {key.client_id ? <span className="font-mono">{key.client_id}</span> : "All clients"}
                  </p>
                </td>
                <td className="hidden px-3 py-3 lg:table-cell">
                  <p className="max-w-[12rem] truncate" title={key.created_by ?? undefined}>
                    {key.created_by ?? <span className="text-subtle">—</span>}
                  </p>
                  <p className="mt-0.5 text-xs text-subtle">
                    <time dateTime={key.created_at}>{formatDateUtc(key.created_at)}</time>
                  </p>
                </td>
                <td className="hidden px-3 py-3 md:table-cell">
                  <When iso={key.last_used_at} now={now} empty="never" />
                </td>
                <td className="hidden px-3 py-3 md:table-cell">
                  {key.expires_at ? (
                    <time dateTime={key.expires_at} title={formatTimestampUtc(key.expires_at)} className="whitespace-nowrap">
                      {formatDateUtc(key.expires_at)}
                    </time>
                  ) : (
                    <span className="text-subtle">Never</span>
                  )}
                </td>
                <td className="hidden px-3 py-3 sm:table-cell">
                  <Badge tone={STATUS[status].tone} title={key.revoked_at ? `Revoked ${formatTimestampUtc(key.revoked_at)}` : undefined}>
                    {STATUS[status].label}
                  </Badge>
                </td>
                <td className="py-3 pl-3 pr-5 text-right">{status === "active" ? <RevokeApiKeyButton id={key.id} name={key.name} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </div>
  );
}
