/**
 * A write-ahead journal on local disk for what Table Storage could not take yet: each entry is one
 * JSON line, appended and flushed to the disk (fsync) before the caller answers, so an event Teams
 * was told we have survives the process being killed. Replayed at the next boot; emptied once
 * everything it holds is in Table Storage.
 *
 * Every process writes its own file (`held-<boot id>.jsonl`). At boot a process claims the files
 * other processes left (an atomic rename, so two instances booting at once never both take one)
 * and replays them. Writes go by path, so a file claimed from a live instance is simply started
 * afresh by its owner; an event replayed twice is recognised by its id and written once.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

const OWN_FILE = /^held-[A-Za-z0-9-]+\.jsonl$/;
const CLAIMED_FILE = /^claimed-[A-Za-z0-9-]+\.jsonl$/;

/** What a journal recovered at boot: its entries in order, and lines that were cut short by a crash. */
export interface Recovered {
  entries: unknown[];
  tornLines: number;
}

/** One process's journal in `dir`. */
export class DiskJournal {
  private readonly bootId = randomUUID();
  private readonly file: string;
  private readonly claimed: string[] = [];
  private written = false;

  constructor(private readonly dir: string) {
    this.file = join(dir, `held-${this.bootId}.jsonl`);
  }

  /** Appends one entry and waits until the disk has it. Throws when the disk refuses (full, read-only). */
  append(entry: object): void {
    if (!this.written) mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.written = true;
  }

  /**
   * Claims every journal left in the directory by earlier processes (and by claims a crash cut
   * short) and returns their entries, oldest file first. They stay on disk until {@link clear}.
   */
  recover(): Recovered {
    const names = listDir(this.dir).filter(
      (name) => (OWN_FILE.test(name) || CLAIMED_FILE.test(name)) && name !== `held-${this.bootId}.jsonl`,
    );
    const entries: unknown[] = [];
    let tornLines = 0;
    for (const name of byAge(this.dir, names)) {
      const claimedAs = join(this.dir, `claimed-${this.bootId}-${this.claimed.length}.jsonl`);
      try {
        renameSync(join(this.dir, name), claimedAs);
      } catch {
        continue; // another instance claimed it first
      }
      this.claimed.push(claimedAs);
      for (const line of readFileSync(claimedAs, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          entries.push(JSON.parse(line));
        } catch {
          tornLines++; // the process died in the middle of this line: it was never answered
        }
      }
    }
    return { entries, tornLines };
  }

  /** Deletes this process's journal and those it claimed: everything they held is in Table Storage. */
  clear(): void {
    for (const path of [this.file, ...this.claimed.splice(0)]) rmSync(path, { force: true });
    this.written = false;
  }
}

/** Oldest first, so events of one lesson replay in the order they arrived. */
function byAge(dir: string, names: string[]): string[] {
  const age = new Map(names.map((name) => [name, modifiedAt(join(dir, name))]));
  return [...names].sort((a, b) => age.get(a)! - age.get(b)!);
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
