// PGlite is one process's database: two processes opening the same folder would corrupt it.
// The first process to open a data folder writes a lock file naming itself (pid and, on Linux,
// the process's start time); any other process gets one clear line instead. A lock whose
// process is gone, or whose pid now belongs to another process (pids are reused, quickly so
// in containers), is stale and is taken over with one info line.
// Plain JavaScript so that scripts/start.mjs (no TypeScript loader) checks the folder with this
// same code before building; the app and the CLI import it too.
import { accessSync, closeSync, constants, mkdirSync, openSync, readFileSync, rmSync, rmdirSync, statSync, writeSync } from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {
  /**
   * @param {string} dataDir
   * @param {number} pid
   */
  constructor(dataDir, pid) {
    super(
      `The data folder ${dataDir} is in use by another ClientPulse process (pid ${pid}). ` +
        `Stop that process, or set DATA_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
    );
    this.name = "DataDirLockedError";
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** @type {Set<string>} folders this process holds */
const held = new Set();

/** @param {string} dataDir */
export function lockFilePath(dataDir) {
  return path.join(dataDir, "clientpulse.lock");
}

/**
 * The kernel's start time of a process (clock ticks since boot, /proc/<pid>/stat field 22), or
 * undefined where there is no /proc. Same pid + same start time = the same process.
 * @param {number} pid
 * @returns {string | undefined}
 */
export function processStartTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (the command name) may contain spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * @param {string} text
 * @returns {{ pid: number, startTime?: string } | undefined}
 */
function parseLock(text) {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) }; // written by versions before 0.2
  try {
    const lock = JSON.parse(trimmed);
    if (Number.isInteger(lock?.pid) && lock.pid > 0) return { pid: lock.pid, startTime: typeof lock.startTime === "string" ? lock.startTime : undefined };
  } catch {
    /* unreadable: treated as stale */
  }
  return undefined;
}

/**
 * What the lock file of a folder says right now.
 * - free: no lock file;
 * - ours: this process wrote it;
 * - held: its process is alive and is the one that wrote it (or cannot be told apart here);
 * - stale: its process is gone, its pid now belongs to another process, or it is unreadable.
 * @param {string} dataDir
 * @returns {{ state: "free" } | { state: "ours" | "held", pid: number } | { state: "stale", pid?: number, reason: string }}
 */
export function inspectDataDirLock(dataDir) {
  let text;
  try {
    text = readFileSync(lockFilePath(dataDir), "utf8");
  } catch {
    return { state: "free" };
  }
  const lock = parseLock(text);
  if (!lock) return { state: "stale", reason: "unreadable lock file" };
  const { pid } = lock;
  if (pid === process.pid && (lock.startTime === undefined || lock.startTime === processStartTime(pid))) return { state: "ours", pid };
  if (!isAlive(pid)) return { state: "stale", pid, reason: `its process ${pid} is no longer running` };
  const current = processStartTime(pid);
  if (current !== undefined) {
    if (lock.startTime !== undefined && lock.startTime !== current) {
      return { state: "stale", pid, reason: `pid ${pid} now belongs to another process` };
    }
    if (lock.startTime === undefined && !commandLine(pid).includes("node")) {
      return { state: "stale", pid, reason: `pid ${pid} now belongs to another process` };
    }
  }
  return { state: "held", pid };
}

/** @param {number} pid */
function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "node"; // unknown: assume it may be ours
  }
}

/**
 * The pid of another live ClientPulse process holding the folder, or undefined when it is free,
 * stale, or held by this process.
 * @param {string} dataDir
 * @returns {number | undefined}
 */
export function dataDirHolder(dataDir) {
  const lock = inspectDataDirLock(path.resolve(dataDir));
  return lock.state === "held" ? lock.pid : undefined;
}

/** @param {number} ms */
const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes a stale lock file, under a short-lived mutex (a directory: mkdir is atomic) so that
 * two processes taking over at once cannot both end up holding the folder: the file is judged
 * again inside the mutex, and only a stale one is removed.
 * @param {string} dir
 * @returns {{ pid?: number, reason: string } | undefined} what was taken over, if anything
 */
function removeStaleLock(dir) {
  const mutex = `${lockFilePath(dir)}.takeover`;
  for (let waited = 0; ; waited += 50) {
    try {
      mkdirSync(mutex);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
      // A process that died inside the few milliseconds of a takeover leaves the mutex behind.
      try {
        if (Date.now() - statSync(mutex).mtimeMs > 10_000) rmdirSync(mutex);
      } catch {
        /* gone meanwhile */
      }
      if (waited > 5_000) throw new Error(`Could not lock the data folder ${dir} (${mutex} is in the way).`, { cause: error });
      sleepSync(50);
    }
  }
  try {
    const lock = inspectDataDirLock(dir);
    if (lock.state !== "stale") return undefined;
    rmSync(lockFilePath(dir), { force: true });
    return lock;
  } finally {
    rmdirSync(mutex);
  }
}

/**
 * Takes the folder for this process (creating it), or throws DataDirLockedError naming the live
 * ClientPulse process that holds it.
 * @param {string} dataDir
 * @param {{ info?: (line: string) => void }} [options] where the takeover line goes (console.log)
 */
export function acquireDataDirLock(dataDir, options = {}) {
  const info = options.info ?? ((line) => console.log(line));
  const dir = path.resolve(dataDir);
  if (held.has(dir)) return;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new Error(`The data folder ${dir} cannot be written (${/** @type {NodeJS.ErrnoException} */ (error).code}). Set DATA_DIR to a writable folder.`, { cause: error });
  }
  const file = lockFilePath(dir);
  const content = `${JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid), app: "clientpulse" })}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      held.add(dir);
      process.once("exit", () => releaseDataDirLock(dir));
      return;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    }
    const lock = inspectDataDirLock(dir);
    if (lock.state === "held") throw new DataDirLockedError(dir, lock.pid);
    if (lock.state === "ours") {
      // Written by this process and never released (a close that did not finish): still ours.
      held.add(dir);
      return;
    }
    const taken = removeStaleLock(dir);
    if (taken) info(`ClientPulse: took over the data folder ${dir}: the lock left there was stale (${taken.reason}).`);
  }
  throw new Error(`Could not lock the data folder ${dir}.`);
}

/** @param {string} dataDir */
export function releaseDataDirLock(dataDir) {
  const dir = path.resolve(dataDir);
  if (!held.delete(dir)) return;
  if (inspectDataDirLock(dir).state === "ours") rmSync(lockFilePath(dir), { force: true });
}
