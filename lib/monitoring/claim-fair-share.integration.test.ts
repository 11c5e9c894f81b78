// The one fair-share claim with a spec of the lease kind (what the alert delivery worker needs),
// on the notifications outbox: a claimed row is leased, not claimable again until the lease ends;
// groups (here channels) share the slots fairly; three claimers at the same instant on
// PostgreSQL never claim a row twice. The check and pull specs are covered by the scheduler's
// and the metrics collection's tests.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { describeEachDatabase, describePostgres, postgresInstances } from "@/test/support/databases";
import { claimFairShare, type ClaimSlots } from "./claim-fair-share";

const LEASE_MS = 60_000;

/** A lease-style claim of due pending notifications, fair across channels. */
function claimNotifications(db: Db, now: Date, slots: ClaimSlots, worker = "w1") {
  return claimFairShare<{ id: string; channel_id: string; scheduled_at: Date; locked_by: string }>(db, now, slots, {
    table: "notifications",
    alias: "n",
    joins: Prisma.sql`JOIN alert_channels ch ON ch.id = n.channel_id`,
    group: Prisma.sql`n.channel_id`,
    eligible: Prisma.sql`n.state = 'pending' AND ch.enabled`,
    dueAt: Prisma.sql`GREATEST(n.next_attempt_at, COALESCE(n.locked_until, n.next_attempt_at))`,
    set: Prisma.sql`locked_until = ${now}::timestamptz + ${LEASE_MS}::int * interval '1 millisecond', locked_by = ${worker}`,
    returning: Prisma.sql`n.id, n.channel_id, due.scheduled_at, n.locked_by`,
    anyDueProbe: Prisma.sql`n.state = 'pending' AND n.next_attempt_at <= ${now}::timestamptz`,
  });
}

async function seed(db: Db, perChannel: number[], dueAt: Date): Promise<string[]> {
  const channels: string[] = [];
  for (const [c, count] of perChannel.entries()) {
    const channel = await db.alertChannel.create({ data: { type: "webhook", name: `ch ${c}`, destination: `https://hooks.example.com/${c}` } });
    channels.push(channel.id);
    await db.notification.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        channelId: channel.id,
        dedupeKey: `test:${channel.id}:${i}:${randomUUID()}`,
        sendAfter: dueAt,
        // Older first within a channel: the claim takes each channel's oldest first.
        nextAttemptAt: new Date(dueAt.getTime() - (count - i) * 1000),
      })),
    });
  }
  return channels;
}

const noneInFlight: ClaimSlots = { concurrency: 8, inFlightByClient: new Map() };

describeEachDatabase("claimFairShare, lease style", (get) => {
  it("a claimed row is leased: not claimed again until its lease ends, then claimable again", async () => {
    const db = get().database.prisma;
    await db.notification.deleteMany();
    const t0 = new Date(Date.UTC(2026, 11, 1, 12, 0, 0));
    await seed(db, [3], t0);
    const first = await claimNotifications(db, t0, noneInFlight);
    expect(first).toHaveLength(3);
    expect(first.every((r) => r.locked_by === "w1")).toBe(true);
    const leased = await db.notification.findMany({ where: { id: { in: first.map((r) => r.id) } } });
    expect(leased.every((n) => n.lockedUntil?.getTime() === t0.getTime() + LEASE_MS)).toBe(true);

    expect(await claimNotifications(db, new Date(t0.getTime() + LEASE_MS - 1), noneInFlight, "w2")).toEqual([]);
    const again = await claimNotifications(db, new Date(t0.getTime() + LEASE_MS), noneInFlight, "w2");
    expect(again.map((r) => r.id).sort()).toEqual(first.map((r) => r.id).sort());
    expect(again.every((r) => r.locked_by === "w2")).toBe(true);
    // Due since the lease ended (the later of the two times).
    expect(again.every((r) => new Date(r.scheduled_at).getTime() === t0.getTime() + LEASE_MS)).toBe(true);

    // Not eligible (delivered): never claimed, whatever its times.
    await db.notification.updateMany({ data: { state: "delivered" } });
    expect(await claimNotifications(db, new Date(t0.getTime() + 10 * LEASE_MS), noneInFlight)).toEqual([]);
  });

  it("shares the slots across groups: a busy channel's backlog never takes a quiet channel's slot", async () => {
    const db = get().database.prisma;
    await db.notification.deleteMany();
    const t0 = new Date(Date.UTC(2026, 11, 1, 13, 0, 0));
    const [busy, quiet] = await seed(db, [20, 1], t0);
    // 8 slots, 2 channels: share 4 each. The busy channel already has 3 in flight, so within
    // its share it may take 1 more, and borrow while 2 (a quarter) stay free: 8 − 3 = 5 free.
    const slots: ClaimSlots = { concurrency: 8, inFlightByClient: new Map([[busy!, 3]]) };
    const claimed = await claimNotifications(db, t0, slots);
    const byChannel = (id: string) => claimed.filter((r) => r.channel_id === id).length;
    expect(byChannel(quiet!)).toBe(1);
    // 5 free, 2 reserved: 3 may start, the quiet one's and 2 of the busy one's.
    expect(byChannel(busy!)).toBe(2);
    // Oldest first within the busy channel.
    const oldest = await db.notification.findMany({ where: { channelId: busy! }, orderBy: { nextAttemptAt: "asc" }, take: 2, select: { id: true } });
    expect(claimed.filter((r) => r.channel_id === busy).map((r) => r.id).sort()).toEqual(oldest.map((r) => r.id).sort());
    // No free slot, no claim.
    expect(await claimNotifications(db, t0, { concurrency: 3, inFlightByClient: new Map([[busy!, 3]]) })).toEqual([]);
  });

  it("refuses an identifier that is not plain", async () => {
    await expect(
      claimFairShare(get().database.prisma, new Date(), noneInFlight, {
        table: "notifications; DROP TABLE clients",
        alias: "n",
        group: Prisma.sql`n.channel_id`,
        eligible: Prisma.sql`TRUE`,
        dueAt: Prisma.sql`n.next_attempt_at`,
        set: Prisma.sql`attempts = attempts`,
        returning: Prisma.sql`n.id`,
      }),
    ).rejects.toThrow(/not a plain identifier/);
  });
});

describePostgres("claimFairShare, lease style, three instances on one PostgreSQL [postgres]", () => {
  const pg = postgresInstances(3);

  it("three claimers at the same instants never claim a row twice while its lease holds", async () => {
    const t0 = new Date(Date.UTC(2026, 11, 1, 14, 0, 0));
    await seed(pg.instances[0]!.prisma, [15, 15, 10], t0);
    const seen = new Map<string, number>();
    const byWorker = new Map<string, number>();
    // 10 rounds of 4 slots each × 3 instances: room for all 40 rows, well inside the lease.
    for (let round = 0; round < 10; round++) {
      const now = new Date(t0.getTime() + round * 1000);
      const got = await Promise.all(pg.instances.map((d, i) => claimNotifications(d.prisma, now, { concurrency: 4, inFlightByClient: new Map() }, `w${i}`)));
      for (const row of got.flat()) {
        seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
        byWorker.set(row.locked_by, (byWorker.get(row.locked_by) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(40);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // The work was shared, not done by one instance alone.
    expect(byWorker.size).toBeGreaterThan(1);
  });
});
