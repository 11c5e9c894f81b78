// PGlite is one process's database: two processes opening the same folder would corrupt it.
// The first process to open a data folder writes its pid into a lock file; any other process
// gets one clear line instead. A lock left by a process that no longer runs is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, accessSync, constants } from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another ClientPulse process (pid ${pid}). ` +
        `Stop that process, or set DATA_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
    );
    this.name = "DataDirLockedError";
  }
}

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockFilePath(dataDir: string): string {
  return path.join(dataDir, "clientpulse.lock");
}

/** Returns the pid holding the folder, or undefined when it is free (or held by us). */
export function dataDirHolder(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFilePath(dataDir), "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) return pid;
  } catch {
    /* no lock file */
  }
  return undefined;
}

export function acquireDataDirLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  if (held.has(dir)) return;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new Error(`The data folder ${dir} cannot be written (${(error as NodeJS.ErrnoException).code}). Set DATA_DIR to a writable folder.`, { cause: error });
  }
  const file = lockFilePath(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(dir);
      const release = () => releaseDataDirLock(dir);
      process.once("exit", release);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = dataDirHolder(dir);
      if (holder) throw new DataDirLockedError(dir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock the data folder ${dir}.`);
}

export function releaseDataDirLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  if (!held.delete(dir)) return;
  try {
    if (Number(readFileSync(lockFilePath(dir), "utf8").trim()) === process.pid) rmSync(lockFilePath(dir), { force: true });
  } catch {
    /* already gone */
  }
}
