// The embedded database belongs to one process: a second process opening the same folder
// gets one clear line, and a lock left by a dead process is taken over.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, OpenedDuringBuildError } from "./client";
import { acquireDataDirLock, DataDirLockedError, dataDirHolder, lockFilePath, processStartTime, releaseDataDirLock } from "./data-dir-lock.mjs";

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

const lockOf = (dataDir: string) => JSON.parse(readFileSync(lockFilePath(dataDir), "utf8"));

/** A process that is alive but is not ClientPulse: what a reused pid points at. */
function otherProcess() {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  return { pid: child.pid!, stop: () => child.kill("SIGKILL") };
}

/** A pid no process has: one that just exited. */
function deadPid(): number {
  return spawnSync("true").pid!;
}

afterEach(() => vi.restoreAllMocks());

describe("stale lock files", () => {
  const linux = processStartTime(process.pid) !== undefined;

  it("records this process's pid and start time, and releases the folder", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cp-lock-"));
    acquireDataDirLock(dataDir);
    expect(lockOf(dataDir)).toEqual({ pid: process.pid, startTime: processStartTime(process.pid), app: "clientpulse" });
    expect(dataDirHolder(dataDir)).toBeUndefined(); // held by us: not "another process"
    releaseDataDirLock(dataDir);
    expect(existsSync(lockFilePath(dataDir))).toBe(false);
  });

  it.each([
    ["a process that is gone", () => ({ lock: { pid: deadPid() }, reason: (pid: number) => `its process ${pid} is no longer running` })],
    ["an old plain-pid lock of a process that is gone", () => ({ lock: deadPid(), reason: (pid: number) => `its process ${pid} is no longer running` })],
    ["an unreadable lock file", () => ({ lock: "garbage", reason: () => "unreadable lock file" })],
  ])("takes over the lock of %s with one info line", (_, make) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cp-lock-"));
    const { lock, reason } = make();
    const pid = typeof lock === "object" ? lock.pid : Number(lock);
    writeFileSync(lockFilePath(dataDir), typeof lock === "object" ? JSON.stringify(lock) : String(lock));
    const lines: string[] = [];
    acquireDataDirLock(dataDir, { info: (l: string) => lines.push(l) });
    expect(lines).toEqual([`ClientPulse: took over the data folder ${dataDir}: the lock left there was stale (${reason(pid)}).`]);
    expect(lockOf(dataDir).pid).toBe(process.pid);
    releaseDataDirLock(dataDir);
  });

  it.runIf(linux)("takes over a lock whose pid now belongs to another process (pid reused)", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cp-lock-"));
    const other = otherProcess();
    try {
      // Same pid, another start time: the process that wrote this lock is gone.
      const startTime = String(Number(processStartTime(other.pid)) - 1);
      writeFileSync(lockFilePath(dataDir), JSON.stringify({ pid: other.pid, startTime, app: "clientpulse" }));
      expect(dataDirHolder(dataDir)).toBeUndefined();
      const lines: string[] = [];
      acquireDataDirLock(dataDir, { info: (l: string) => lines.push(l) });
      expect(lines).toEqual([`ClientPulse: took over the data folder ${dataDir}: the lock left there was stale (pid ${other.pid} now belongs to another process).`]);
      releaseDataDirLock(dataDir);
      // An old plain-pid lock now pointing at a process that is not Node.js: stale too.
      writeFileSync(lockFilePath(dataDir), String(other.pid));
      expect(dataDirHolder(dataDir)).toBeUndefined();
    } finally {
      other.stop();
    }
  });

  it.runIf(linux)("a lock of this very pid from an earlier process (containers reuse low pids) is stale, not ours", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cp-lock-"));
    writeFileSync(lockFilePath(dataDir), JSON.stringify({ pid: process.pid, startTime: "1", app: "clientpulse" }));
    const lines: string[] = [];
    acquireDataDirLock(dataDir, { info: (l: string) => lines.push(l) });
    expect(lines).toHaveLength(1);
    expect(lockOf(dataDir).startTime).toBe(processStartTime(process.pid));
    releaseDataDirLock(dataDir);
  });

  it("a live holder is named and its lock is left alone", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cp-lock-"));
    const other = otherProcess();
    try {
      const lock = JSON.stringify({ pid: other.pid, startTime: processStartTime(other.pid), app: "clientpulse" });
      writeFileSync(lockFilePath(dataDir), lock);
      expect(dataDirHolder(dataDir)).toBe(other.pid);
      expect(() => acquireDataDirLock(dataDir)).toThrow(new DataDirLockedError(dataDir, other.pid));
      expect(readFileSync(lockFilePath(dataDir), "utf8")).toBe(lock);
    } finally {
      other.stop();
    }
  });
});

describe("next build", () => {
  it("never opens, creates or locks a data folder", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "cp-lock-")), "data");
    vi.stubEnv("NEXT_PHASE", "phase-production-build");
    try {
      await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toBeInstanceOf(OpenedDuringBuildError);
      await expect(openDatabase({ kind: "postgres", url: "postgresql://127.0.0.1:1/none" })).rejects.toBeInstanceOf(OpenedDuringBuildError);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(existsSync(dataDir)).toBe(false);
  });
});

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
    // The holder died without cleaning up: its lock is stale and is taken over, with one line.
    expect(lockOf(dataDir).pid).toBe(holder.pid);
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    const db = await openDatabase({ kind: "pglite", dataDir });
    expect(info.mock.calls.map((c) => String(c[0]))).toEqual([
      `ClientPulse: took over the data folder ${dataDir}: the lock left there was stale (its process ${holder.pid} is no longer running).`,
    ]);
    expect(lockOf(dataDir).pid).toBe(process.pid);
    await db.close();
    expect(existsSync(lockFilePath(dataDir))).toBe(false);
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
