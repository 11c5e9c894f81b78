// A delivery worker in its own process, for the crash test: claims what is due now (with a
// lease, as the server's worker does) and starts sending it; the test kills it with SIGKILL
// while the receiver holds the request, before the outcome is recorded.
// Env: CHILD_DATABASE_URL (PostgreSQL), ALLOWED_PRIVATE_TARGETS (the receiver's loopback).
import { systemClock } from "@/lib/context";
import { openDatabase } from "@/lib/db/client";
import { alertDelivery } from "@/lib/alerts/delivery/delivery-worker";

const database = await openDatabase({ kind: "postgres", url: process.env.CHILD_DATABASE_URL! }, { migrate: false });
const kind = alertDelivery({ workerId: "crashing-child" });
const jobs = await kind.claim(database.prisma, new Date(), { concurrency: 8, inFlightByClient: new Map() });
console.log(`claimed ${jobs.map((j) => j.id).join(",")}`);
await Promise.all(jobs.map((j) => kind.run(j, { db: database.prisma, clock: systemClock, signal: new AbortController().signal })));
console.log("finished (should have been killed)");
await database.close();
