/**
 * The school view's look back, for the safeguarding team only: `GET /api/school/lessons` (past
 * lessons between two dates, searched), `GET /api/school/week` ("This week": totals, each day, each
 * organizer) and `GET /api/school/week.csv` (the same as a spreadsheet). Each reads the board's
 * rows of the days asked for with one keyed range query; no lesson is loaded.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { pastLessons } from '../../app/schoolView/pastLessons.js';
import type { SchoolBoardStore } from '../../app/schoolView/ports.js';
import { addDays, daysFromTo, isDay, isoWeekday, mondayOf, schoolDay } from '../../app/schoolView/schoolDays.js';
import { weekCsv, weekCsvFileName } from '../../app/schoolView/weekCsv.js';
import { weekReport, type WeekReport } from '../../app/schoolView/weekReport.js';
import { HttpError } from '../errors.js';
import type { TabApiDeps } from './deps.js';
import { guardSchool } from './schoolRoutes.js';
import { queryOf } from '../requestParts.js';

/** What the report routes need: the board's rows of a range of days. */
export interface SchoolReportDeps {
  board: Pick<SchoolBoardStore, 'days'>;
}

/** The longest range the lesson list reads at once. */
export const MAX_RANGE_DAYS = 31;
/** The list's range when no start is asked for: a week up to the last day asked for (by default today). */
const DEFAULT_RANGE_DAYS = 7;

const text = z.string().max(200).optional();
const lessonsQuery = z.object({
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  organizer: text,
  q: text,
  critical: z.enum(['1', '0']).optional(),
});
const weekQuery = z.object({ start: z.string().max(20).optional() });

const BAD_DATE =
  'Dates must be real days written as year-month-day, for example 2026-11-23. Correct the dates and try again.';
const BACKWARDS = 'The "from" date is after the "to" date. Swap them and try again.';
const TOO_LONG = `Choose at most ${MAX_RANGE_DAYS} days at a time. Narrow the dates and try again.`;
const NOT_MONDAY = 'A week starts on a Monday. Choose the Monday of the week you want and try again.';
const BAD_SEARCH = 'That search could not be read. Clear the search boxes and try again.';

/** Registers the report's routes. */
export function registerSchoolReportRoutes(server: Server, deps: TabApiDeps, report: SchoolReportDeps): void {
  server.get('/api/school/lessons', async (req: Request, res: Response) => {
    const { caller } = await guardSchool(req, res, deps);
    const parsed = lessonsQuery.safeParse(queryOf(req));
    if (!parsed.success) throw new HttpError(400, 'badSearch', BAD_SEARCH);
    const { organizer, q, critical } = parsed.data;
    const { timeZone } = deps.policyFor(caller.tenantId).school;
    const to = parsed.data.to || schoolDay(deps.clock.now(), timeZone);
    const from = parsed.data.from || (isDay(to) ? addDays(to, 1 - DEFAULT_RANGE_DAYS) : to);
    checkRange(from, to);
    const rows = await report.board.days(caller.tenantId, from, to);
    res.setHeader('cache-control', 'no-store');
    res.json(
      pastLessons(
        rows,
        { from, to, timeZone },
        { ...(organizer ? { organizer } : {}), ...(q ? { title: q } : {}), critical: critical === '1' },
      ),
    );
  });

  server.get('/api/school/week', async (req: Request, res: Response) => {
    const week = await readWeek(req, res, deps, report);
    res.setHeader('cache-control', 'no-store');
    res.json(week);
  });

  server.get('/api/school/week.csv', async (req: Request, res: Response) => {
    const week = await readWeek(req, res, deps, report);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${weekCsvFileName(week)}"`);
    res.setHeader('cache-control', 'private, no-store');
    // The byte order mark makes Excel read the names as UTF-8.
    res.sendRaw(200, `\uFEFF${weekCsv(week)}`);
  });
}

/** The week asked for (`start`, a Monday; by default this week where the school is), for the caller's school. */
async function readWeek(req: Request, res: Response, deps: TabApiDeps, report: SchoolReportDeps): Promise<WeekReport> {
  const { caller } = await guardSchool(req, res, deps);
  const parsed = weekQuery.safeParse(queryOf(req));
  if (!parsed.success) throw new HttpError(400, 'badRange', BAD_DATE);
  const policy = deps.policyFor(caller.tenantId);
  const start = parsed.data.start ?? mondayOf(schoolDay(deps.clock.now(), policy.school.timeZone));
  if (!isDay(start)) throw new HttpError(400, 'badRange', BAD_DATE);
  if (isoWeekday(start) !== 1) throw new HttpError(400, 'badRange', NOT_MONDAY);
  const rows = await report.board.days(caller.tenantId, start, addDays(start, 6));
  return weekReport(rows, start, policy);
}

/** 400 with a sentence for dates that are not real, backwards, or too far apart. */
function checkRange(from: string, to: string): void {
  if (!isDay(from) || !isDay(to)) throw new HttpError(400, 'badRange', BAD_DATE);
  const span = daysFromTo(from, to);
  if (span < 1) throw new HttpError(400, 'badRange', BACKWARDS);
  if (span > MAX_RANGE_DAYS) throw new HttpError(400, 'badRange', TOO_LONG);
}
