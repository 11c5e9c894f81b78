// The embedded database belongs to one process: a second process opening the same folder
// gets one clear line, and a lock left by a dead process is taken over.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { DataDirLockedError, lockFilePath } from "./data-dir-lock";


/** Starts another process that opens the folder and holds it until killed. */
async function holdInAnotherProcess(dataDir: string) {
  const script = path.join(mkdtempSync(path.join(tmpdir(), "cp-holder-")), "hold.mts");
  writeFileSync(
    script,
    `const { openDatabase } = await import(${JSON.stringify(path.resolve("lib/db/client.ts"))});
    await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dataDir)} });
    console.log("ready");
    setInterval(() => {}, 1000);`,
  );
  // One process (no tsx wrapper), so its pid is the one that holds the lock.
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"], cwd: path.resolve(".") });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe("embedded data folder lock", () => {
  it("a second process gets one clear line naming the folder and the holder", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cp-lock-"));
    const holder = await holdInAnotherProcess(dataDir);
    try {
      const error = await openDatabase({ kind: "pglite", dataDir }).catch((e) => e);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect(error.message).toContain(dataDir);
      expect(error.message).toContain(`pid ${holder.pid}`);
      expect(error.message).not.toContain("\n");
    } finally {
      holder.kill("SIGKILL");
      await new Promise((r) => holder.once("exit", r));
    }
    // The holder died without cleaning up: its lock is stale and is taken over.
    expect(readFileSync(lockFilePath(dataDir), "utf8").trim()).toBe(String(holder.pid));
    const db = await openDatabase({ kind: "pglite", dataDir });
    expect(readFileSync(lockFilePath(dataDir), "utf8").trim()).toBe(String(process.pid));
    await db.close();
  }, 60_000);

  it("keeps data across reopen in the same process", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cp-lock-"));
    const first = await openDatabase({ kind: "pglite", dataDir });
    await first.prisma.auditLog.create({ data: { actorType: "system", actorLabel: "t", action: "persist.check" } });
    await first.close();
    const second = await openDatabase({ kind: "pglite", dataDir });
    expect(await second.prisma.auditLog.count({ where: { action: "persist.check" } })).toBe(1);
    expect(second.migration?.applied).toEqual([]);
    await second.close();
  }, 60_000);

  it("an unwritable folder is one clear line", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cp-lock-")), "a-file");
    writeFileSync(file, "not a folder");
    const error = await openDatabase({ kind: "pglite", dataDir: path.join(file, "data") }).catch((e) => e);
    expect(error.message).toMatch(/^The data folder .* cannot be written \(\w+\)\. Set DATA_DIR to a writable folder\.$/);
  });
});
