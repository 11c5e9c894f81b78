// API keys for REST and MCP: created by admins (Settings, or `npm run admin -- create-api-key`),
// shown once, stored hashed; read or read+write, optionally bound to one client, optionally
// expiring; revocable. No edge ever returns the hash.
import type { VerbInput } from "@/lib/input";
import { newApiKey } from "@/lib/auth/tokens";
import { recordAudit } from "@/lib/audit/record-audit";
import { scopeClientRows, scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { apiKeyRefSchema, createApiKeyInputSchema, type ApiKeyOutput } from "./schemas";

const withRefs = { client: { select: { clientId: true } }, createdBy: { select: { email: true } } } satisfies Prisma.ApiKeyInclude;
type ApiKeyRow = Prisma.ApiKeyGetPayload<{ include: typeof withRefs }>;

function toOutput(k: ApiKeyRow): ApiKeyOutput {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    client_id: k.client?.clientId ?? null,
    created_by: k.createdBy?.email ?? null,
    expires_at: k.expiresAt?.toISOString() ?? null,
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
    created_at: k.createdAt.toISOString(),
  };
}

export async function createApiKey({ ctx, input }: { ctx: Context; input: VerbInput<typeof createApiKeyInputSchema> }): Promise<ApiKeyOutput & { key: string }> {
  requireScope(ctx, "admin");
  const data = parseInput(createApiKeyInputSchema, input);
  let clientRef: string | null = null;
  if (data.client_id) {
    const client = await ctx.db.client.findFirst({ where: scopeClients(ctx, { clientId: data.client_id }), select: { id: true } });
    if (!client) throw new ValidationError([{ path: "client_id", message: `no client "${data.client_id}"` }]);
    clientRef = client.id;
  }
  const { key, hash, prefix } = newApiKey();
  const now = ctx.clock.now();
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        name: data.name,
        prefix,
        keyHash: hash,
        scopes: data.scopes,
        clientRef,
        createdById: ctx.actor.type === "user" ? (ctx.actor.id ?? null) : null,
        expiresAt: data.expires_in_days ? new Date(now.getTime() + data.expires_in_days * 86_400_000) : null,
        createdAt: now,
      },
      include: withRefs,
    });
    await recordAudit(ctx, { action: "api_key.create", targetType: "api_key", targetId: created.id, summary: { after: { name: data.name, scopes: data.scopes, client_id: data.client_id ?? null } } }, tx);
    return created;
  });
  return { ...toOutput(row), key };
}

export async function listApiKeys({ ctx }: { ctx: Context; input?: unknown }): Promise<ApiKeyOutput[]> {
  requireScope(ctx, "admin");
  return (await ctx.db.apiKey.findMany({ where: scopeClientRows(ctx, {}), include: withRefs, orderBy: [{ createdAt: "desc" }] })).map(toOutput);
}

export async function revokeApiKey({ ctx, input }: { ctx: Context; input: VerbInput<typeof apiKeyRefSchema> }): Promise<ApiKeyOutput> {
  requireScope(ctx, "admin");
  const { id } = parseInput(apiKeyRefSchema, input);
  const existing = await ctx.db.apiKey.findFirst({ where: scopeClientRows(ctx, { id }), include: withRefs });
  if (!existing) throw new NotFoundError("API key not found");
  if (existing.revokedAt) return toOutput(existing);
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({ where: { id }, data: { revokedAt: ctx.clock.now() }, include: withRefs });
    await recordAudit(ctx, { action: "api_key.revoke", targetType: "api_key", targetId: id, summary: { name: existing.name } }, tx);
    return updated;
  });
  return toOutput(row);
}
