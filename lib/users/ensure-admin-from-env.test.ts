import { afterEach, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { resetEnvCache } from "@/lib/env";
import { describeEachDatabase } from "@/test/support/databases";
import { ensureAdminFromEnv } from "./ensure-admin-from-env";

describeEachDatabase("ADMIN_EMAIL / ADMIN_PASSWORD at start-up", (get) => {
  afterEach(() => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    resetEnvCache();
  });

  it("does nothing without both variables, creates the admin once, and never replaces users", async () => {
    const prisma = get().database.prisma;
    await prisma.user.deleteMany();
    expect(await ensureAdminFromEnv(prisma)).toBeUndefined();
    process.env.ADMIN_EMAIL = "Ops@Agency.test";
    process.env.ADMIN_PASSWORD = "correct horse battery staple";
    resetEnvCache();
    expect(await ensureAdminFromEnv(prisma)).toBe("ops@agency.test");
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "ops@agency.test" } });
    expect(admin.role).toBe("admin");
    expect(await verifyPassword("correct horse battery staple", admin.passwordHash)).toBe(true);
    process.env.ADMIN_EMAIL = "second@agency.test";
    resetEnvCache();
    expect(await ensureAdminFromEnv(prisma)).toBeUndefined();
    expect(await prisma.user.count()).toBe(1);
  });
});
