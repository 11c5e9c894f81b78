// Runs once when the Next.js server starts. The work lives in instrumentation-node.ts,
// imported only on the Node.js runtime so the Edge bundle never sees Node-only APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNodeServer } = await import("./instrumentation-node");
    await startNodeServer();
  }
}
