// A server's scheduler in its own process, for the SIGTERM test: it checks what is due and, on
// SIGTERM, shuts down the way instrumentation-node.ts does (stop the scheduler: in-flight probes
// aborted, finished ones written; then close the database) and exits 0. One line per finished
// check on stdout ("checked <systemId> <status>"), then "stopped".
// Env: CHILD_DATABASE_URL (PostgreSQL), ALLOWED_PRIVATE_TARGETS (the targets' loopback).
import { openDatabase } from "@/lib/db/client";
import { createScheduler } from "@/lib/monitoring/scheduler";

const database = await openDatabase({ kind: "postgres", url: process.env.CHILD_DATABASE_URL! }, { migrate: false });
const scheduler = createScheduler({
  db: database.prisma,
  pollMs: 50,
  concurrency: 64,
  onCheck: (e) => console.log(`checked ${e.systemId} ${e.status}`),
});
process.on("SIGTERM", () => {
  console.log("sigterm");
  void scheduler
    .stop()
    .then(() => database.close())
    .then(() => {
      console.log("stopped");
      process.exit(0);
    });
});
scheduler.start();
console.log("started");
