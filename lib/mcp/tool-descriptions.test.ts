// Every input field of every MCP tool, nested ones included, is described in what tools/list
// sends: an assistant picks arguments from these descriptions alone. Read through the SDK's
// own Client, as an assistant would see them.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { describe, expect, it } from "vitest";
import { createContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { ALL_TOOL_NAMES, createMcpServer } from "./server";

type JsonSchema = {
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
};

/** Paths of object properties (at any depth, through arrays and unions) without a description. */
export function undescribedProperties(schema: JsonSchema, path = ""): string[] {
  const missing: string[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const at = path ? `${path}.${key}` : key;
    if (!prop.description?.trim()) missing.push(at);
    missing.push(...undescribedProperties(prop, at));
  }
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  for (const s of [...items, ...(schema.prefixItems ?? [])]) missing.push(...undescribedProperties(s, `${path}[]`));
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) missing.push(...undescribedProperties(s, path));
  if (typeof schema.additionalProperties === "object") missing.push(...undescribedProperties(schema.additionalProperties, `${path}{}`));
  for (const [name, s] of Object.entries({ ...schema.$defs, ...schema.definitions })) missing.push(...undescribedProperties(s, `#${name}`));
  return missing;
}

describe("MCP tool input descriptions", () => {
  it("the walker finds a missing description at any depth (so a clean result means something)", () => {
    expect(
      undescribedProperties({
        properties: {
          a: { description: "ok", properties: { b: {} } },
          list: { description: "ok", items: { properties: { c: {}, d: { description: "ok" } } } },
          either: { description: "ok", anyOf: [{ properties: { e: {} } }, { type: "null" } as JsonSchema] },
          blank: { description: "  " },
        },
      }),
    ).toEqual(["a.b", "list[].c", "either.e", "blank"]);
  });

  it("tools/list describes every input property of every tool, nested ones too", async () => {
    // A full-scope caller is shown every tool; tools/list reads no data.
    const ctx = createContext({ db: {} as Db, actor: { type: "mcp", id: "k", label: 'key "t"' }, scopes: ["read", "write"] });
    const server = createMcpServer(ctx);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "assistant", version: "1" });
    await client.connect(b);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...ALL_TOOL_NAMES].sort());
      const missing = tools.flatMap((t) => undescribedProperties(t.inputSchema as JsonSchema).map((p) => `${t.name}: ${p}`));
      expect(missing).toEqual([]);
      // Nested fields are really there to be described (the walk reached them).
      const register = tools.find((t) => t.name === "register_client")!.inputSchema as JsonSchema;
      expect(register.properties!.client_data!.properties!.systems!.anyOf ?? register.properties!.client_data!.properties!.systems!.items).toBeDefined();
      expect(JSON.stringify(register)).toContain("Consecutive agreeing checks");
    } finally {
      await client.close();
    }
  });
});
