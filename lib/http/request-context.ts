// Builds the Context for a request. Until accounts exist (issue #3), every caller that
// reaches this server acts as the local operator with full scopes; issue #3 replaces this
// one function with session and API-key authentication, and no edge or verb changes.
import { createContext, type Context } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { UnavailableError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export async function contextForRequest(_request?: Request, via: "web" | "rest" | "mcp" = "web"): Promise<Context> {
  let db;
  try {
    db = await getDb();
  } catch (error) {
    logger.error("database unavailable", { error });
    throw new UnavailableError("The database is not available right now; try again shortly.");
  }
  return createContext({
    db,
    actor: { type: via === "mcp" ? "mcp" : "local", label: via === "mcp" ? "MCP client" : "local operator" },
    scopes: ["read", "write", "admin"],
  });
}
