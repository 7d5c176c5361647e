/**
 * Pure: merges Teams' attendance report into what the bot itself saw, so the lesson's register is
 * complete even when meeting events went missing (seed 001 #11: a record of attendance per session).
 */
import type { AttendanceInterval, AttendanceRecord } from './ports.js';

/** A person as the bot observed them in the lesson (from meeting events). */
export interface ObservedAttendee {
  personId: string;
  aadObjectId?: string;
  email?: string;
  name: string;
  intervals: AttendanceInterval[];
}

/** One line of the merged register. */
export interface AttendanceLine {
  /** The bot's person key, when the bot saw this person. */
  personId?: string;
  aadObjectId?: string;
  email?: string;
  name: string;
  /** Teams' meeting role from the report (never says who is staff). */
  meetingRole?: string;
  /** Join/leave periods, sorted, overlaps joined; an open period has no `leaveAt`. */
  intervals: AttendanceInterval[];
  /** Whole minutes present (open periods count up to `endAt`, when given). */
  minutes: number;
  /** Who saw the person: the bot's events, Teams' report, or both. */
  seenBy: Array<'bot' | 'teams'>;
}

/**
 * Merges `records` into `observed`, matching a record to a person by Entra object id, else by email,
 * else by display name when exactly one person has it. Unmatched records become new lines.
 */
export function mergeAttendance(
  observed: ObservedAttendee[],
  records: AttendanceRecord[],
  endAt?: number,
): AttendanceLine[] {
  const lines: AttendanceLine[] = observed.map((person) => ({
    personId: person.personId,
    ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}),
    ...(person.email ? { email: person.email } : {}),
    name: person.name,
    intervals: [...person.intervals],
    minutes: 0,
    seenBy: ['bot'],
  }));

  const fromTeams = new Map<AttendanceLine, AttendanceInterval[]>();
  for (const record of records) {
    const line = findLine(lines, record);
    if (line) {
      line.aadObjectId ??= record.aadObjectId;
      line.email ??= record.email;
      line.meetingRole ??= record.meetingRole;
      fromTeams.set(line, [...(fromTeams.get(line) ?? []), ...record.intervals]);
      if (!line.seenBy.includes('teams')) line.seenBy.push('teams');
    } else {
      lines.push({
        ...(record.aadObjectId ? { aadObjectId: record.aadObjectId } : {}),
        ...(record.email ? { email: record.email } : {}),
        name: record.displayName ?? record.email ?? 'Unknown participant',
        ...(record.meetingRole ? { meetingRole: record.meetingRole } : {}),
        intervals: [...record.intervals],
        minutes: 0,
        seenBy: ['teams'],
      });
    }
  }

  for (const line of lines) {
    const teams = fromTeams.get(line);
    if (teams) line.intervals = [...withoutStaleOpenPeriods(line.intervals, teams), ...teams];
    line.intervals = unionOf(line.intervals);
    line.minutes = Math.round(presentMs(line.intervals, endAt) / 60_000);
  }
  return lines;
}

function findLine(lines: AttendanceLine[], record: AttendanceRecord): AttendanceLine | undefined {
  const aad = record.aadObjectId?.toLowerCase();
  if (aad) {
    const byId = lines.find((l) => l.aadObjectId?.toLowerCase() === aad);
    if (byId) return byId;
  }
  const email = record.email?.toLowerCase();
  if (email) {
    const byEmail = lines.find((l) => l.email?.toLowerCase() === email);
    if (byEmail) return byEmail;
  }
  const name = normalise(record.displayName);
  if (!name) return undefined;
  // A name is only a match when nothing stronger contradicts it and nobody else shares it.
  const byName = lines.filter((l) => normalise(l.name) === name);
  const only = byName.length === 1 ? byName[0] : undefined;
  if (!only) return undefined;
  const idClash = aad && only.aadObjectId && only.aadObjectId.toLowerCase() !== aad;
  const emailClash = email && only.email && only.email.toLowerCase() !== email;
  return idClash || emailClash ? undefined : only;
}

/**
 * A period the bot never saw end (a missed leave event) is dropped when Teams' report covers the
 * person: Teams knows when they left. One that starts after every reported period is kept.
 */
function withoutStaleOpenPeriods(seen: AttendanceInterval[], reported: AttendanceInterval[]): AttendanceInterval[] {
  const lastReported = Math.max(...reported.map((i) => i.leaveAt ?? i.joinAt));
  return seen.filter((i) => i.leaveAt !== undefined || i.joinAt > lastReported);
}

function normalise(name: string | undefined): string {
  return (name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Sorted union of periods; an open period absorbs every later one it overlaps. */
function unionOf(intervals: AttendanceInterval[]): AttendanceInterval[] {
  const sorted = [...intervals].sort((a, b) => a.joinAt - b.joinAt);
  const merged: AttendanceInterval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.leaveAt === undefined || next.joinAt <= last.leaveAt)) {
      if (last.leaveAt !== undefined) {
        // Keep the period open if either is open, else extend to the later leave.
        if (next.leaveAt === undefined) delete last.leaveAt;
        else last.leaveAt = Math.max(last.leaveAt, next.leaveAt);
      }
    } else {
      merged.push({ ...next });
    }
  }
  return merged;
}

function presentMs(intervals: AttendanceInterval[], endAt: number | undefined): number {
  return intervals.reduce((sum, i) => {
    const leave = i.leaveAt ?? endAt;
    return leave === undefined ? sum : sum + Math.max(0, leave - i.joinAt);
  }, 0);
}
