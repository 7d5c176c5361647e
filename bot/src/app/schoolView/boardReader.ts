/**
 * Reads a school's board for today, shared by everyone polling the school view: one keyed query
 * per school every few seconds at most, however many people poll, and at once after this process
 * wrote a change. Each read carries a tag, so an unchanged board is answered without being rebuilt.
 */
import { createHash } from 'node:crypto';
import { localDateAndTime } from '../time.js';
import type { BoardEntry } from './boardEntry.js';
import type { SchoolBoardStore } from './ports.js';

/** How long one read of a school's board answers polls (another instance's writes show within this). */
export const BOARD_READ_TTL_MS = 5_000;

const MINUTE = 60_000;

/** One read of a school day's board. */
export interface BoardRead {
  day: string;
  entries: BoardEntry[];
  /** Changes whenever any entry does. */
  tag: string;
}

interface Cached {
  read: BoardRead;
  at: number;
  pending?: Promise<BoardRead>;
}

/** Today's board of each school, read through a short-lived shared cache. */
export class BoardReader {
  private readonly cache = new Map<string, Cached>();
  /** Today's date in each time zone, for the minute it was worked out in (dates change on a minute). */
  private readonly days = new Map<string, { day: string; from: number }>();

  constructor(
    private readonly store: Pick<SchoolBoardStore, 'day'>,
    private readonly clock: () => number,
    private readonly ttlMs = BOARD_READ_TTL_MS,
  ) {}

  /** The school's board for its local day at `now`. */
  async today(tenantId: string, timeZone: string): Promise<BoardRead> {
    const now = this.clock();
    const day = this.dayAt(now, timeZone);
    const cached = this.cache.get(tenantId);
    if (cached && cached.read.day === day && now - cached.at < this.ttlMs) return cached.read;
    if (cached?.pending) return cached.pending;
    const pending = this.load(tenantId, day);
    if (cached) cached.pending = pending;
    else this.cache.set(tenantId, { read: { day: '', entries: [], tag: '' }, at: -Infinity, pending });
    try {
      const read = await pending;
      this.cache.set(tenantId, { read, at: now });
      return read;
    } catch (error) {
      const slot = this.cache.get(tenantId);
      if (slot) delete slot.pending;
      throw error;
    }
  }

  /** Forgets a school's cached board (this process just changed it). */
  invalidate(tenantId: string): void {
    const cached = this.cache.get(tenantId);
    if (cached) cached.at = -Infinity;
  }

  private dayAt(now: number, timeZone: string): string {
    const known = this.days.get(timeZone);
    if (known && now >= known.from && now < known.from + MINUTE) return known.day;
    const day = localDateAndTime(now, timeZone).date;
    this.days.set(timeZone, { day, from: now - (now % MINUTE) });
    return day;
  }

  private async load(tenantId: string, day: string): Promise<BoardRead> {
    const entries = await this.store.day(tenantId, day);
    entries.sort((a, b) => a.meetingId.localeCompare(b.meetingId));
    const tag = createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 22);
    return { day, entries, tag };
  }
}
