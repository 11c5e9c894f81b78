// A report scheduling worker in its own process, for the crash test: claims the schedules due at
// CHILD_NOW (with a lease, as the server's worker does), computes the report and writes the run
// in its transaction, and stops right before the commit; the test kills it there with SIGKILL.
// Env: CHILD_DATABASE_URL (PostgreSQL), CHILD_NOW (ISO instant: the fake clock's time).
import { openDatabase } from "@/lib/db/client";
import { reportScheduling } from "@/lib/reports/schedules/report-scheduling";

const database = await openDatabase({ kind: "postgres", url: process.env.CHILD_DATABASE_URL! }, { migrate: false });
const now = new Date(process.env.CHILD_NOW!);
const clock = { now: () => now };
const kind = reportScheduling({
  workerId: "crashing-child",
  beforeCommit: async (id) => {
    console.log(`in transaction ${id}`);
    await new Promise(() => {}); // killed here
  },
});
const jobs = await kind.claim(database.prisma, now, { concurrency: 2, inFlightByClient: new Map() });
console.log(`claimed ${jobs.map((j) => j.id).join(",")}`);
await Promise.all(jobs.map((j) => kind.run(j, { db: database.prisma, clock, signal: new AbortController().signal })));
console.log("finished (should have been killed)");
await database.close();
