import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock, MeetingRecord } from '../../app/ports.js';
import type { Policy } from '../../domain/policy/schema.js';
import { HttpError } from '../../http/errors.js';
import type { FakeConnectorCore } from '../connector/fakeConnector.js';
import type { SimSchool } from '../school.js';
import { isSimClock } from '../simClock.js';
import { alertTrails } from './alertTrail.js';
import { feedEntries } from './feed.js';
import { isRunning, type SimLesson } from './lessons.js';
import type { Simulator } from './simulator.js';
import { queryOf } from '../../http/requestParts.js';

/** What the simulator's API needs. */
export interface SimRoutesDeps {
  simulator: Simulator;
  connector: FakeConnectorCore;
  school: SimSchool;
  clock: Clock;
  policy: Policy;
  /** One timer sweep of the service (what its background interval runs); returns timers fired. */
  tick(): Promise<number>;
  /** The bot's record of a lesson of the sample school (what the side panel reads), if it has one. */
  readLesson(meetingId: string): Promise<MeetingRecord | undefined>;
}

/** A lesson as the page shows it. */
export type LessonView = SimLesson & { status: 'scheduled' | 'live' | 'ended' };

const lessonBody = z.object({
  title: z.string().trim().min(1).max(120),
  kind: z.enum(['Scheduled', 'MeetNow']),
  organizerId: z.string().min(1),
  startsInMinutes: z.coerce
    .number()
    .int()
    .min(-60 * 24)
    .max(60 * 24 * 14)
    .default(0),
});
const clockBody = z.object({
  minutes: z.coerce
    .number()
    .min(0)
    .max(24 * 60),
});
const chatBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(2000) }),
  z.object({ kind: z.literal('submit'), data: z.record(z.string(), z.unknown()), replyToId: z.string().optional() }),
  z.object({
    kind: z.literal('execute'),
    verb: z.string().min(1),
    data: z.record(z.string(), z.unknown()),
    replyToId: z.string().optional(),
  }),
]);
const PERSON_ACTIONS = {
  join: 'join',
  leave: 'leave',
  drop: 'drop',
  reconnect: 'reconnect',
  'hang-up': 'hangUp',
} as const;

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new HttpError(
      400,
      'invalidBody',
      `The simulator could not read that request (${parsed.error.issues[0]?.path.join('.') || 'body'}); reload the page and try again.`,
    );
  return parsed.data;
}

const param = (req: Request, name: string): string => String((req.params as Record<string, unknown>)[name] ?? '');

/** The simulator page's JSON API under `/dev/api/`. Every action goes to the bot as Teams activities. */
export function registerSimRoutes(server: Server, deps: SimRoutesDeps): void {
  const { simulator, school } = deps;
  const state = () => ({
    now: deps.clock.now(),
    offsetMs: isSimClock(deps.clock) ? deps.clock.offset : 0,
    clockAdjustable: isSimClock(deps.clock),
    policy: { preset: deps.policy.preset, graceSeconds: deps.policy.graceSeconds },
    school,
    lessons: [...simulator.lessons.values()].reverse().map((l): LessonView => ({
      ...l,
      status: isRunning(l) ? 'live' : l.endedAt !== undefined ? 'ended' : 'scheduled',
    })),
  });
  const json = (res: Response, body: unknown): void => {
    res.setHeader('cache-control', 'no-store');
    res.json(body);
  };

  server.get('/dev/api/state', async (_req: Request, res: Response) => json(res, state()));

  server.post('/dev/api/lessons', async (req: Request, res: Response) => {
    const lesson = await simulator.createLesson(parse(lessonBody, req.body));
    json(res, { meetingId: lesson.meetingId, state: state() });
  });

  server.post('/dev/api/lessons/:meetingId/people/:personId/:action', async (req: Request, res: Response) => {
    const action = PERSON_ACTIONS[param(req, 'action') as keyof typeof PERSON_ACTIONS];
    if (!action)
      throw new HttpError(404, 'unknownAction', 'The simulator knows join, leave, drop, reconnect and hang-up.');
    await simulator[action](param(req, 'meetingId'), param(req, 'personId'));
    json(res, state());
  });

  server.post('/dev/api/lessons/:meetingId/end', async (req: Request, res: Response) => {
    await simulator.endForEveryone(param(req, 'meetingId'));
    json(res, state());
  });

  server.post('/dev/api/clock', async (req: Request, res: Response) => {
    if (!isSimClock(deps.clock))
      throw new HttpError(
        409,
        'realClock',
        'This service runs on real time; start it with `npm start` to get the simulated clock.',
      );
    deps.clock.advance(parse(clockBody, req.body).minutes * 60_000);
    json(res, { fired: await deps.tick(), state: state() });
  });

  // Chaperone's personal app installed for every member of staff (a tenant-wide install), before a personal tab opens.
  server.post('/dev/api/install', async (_req: Request, res: Response) => {
    await deps.simulator.installForStaff();
    json(res, state());
  });

  server.post('/dev/api/sweep', async (_req: Request, res: Response) =>
    json(res, { fired: await deps.tick(), state: state() }),
  );

  server.get('/dev/api/feed', async (req: Request, res: Response) => {
    const after = Number(queryOf(req)['after'] ?? -1);
    json(res, {
      entries: feedEntries(
        deps.connector.requests,
        Number.isInteger(after) ? after + 1 : 0,
        school,
        simulator.lessons.values(),
      ),
    });
  });

  server.get('/dev/api/alert-trail', async (_req: Request, res: Response) => {
    // A lesson storage cannot give back just now is left out rather than failing the whole page.
    const read = (meetingId: string) => deps.readLesson(meetingId).catch(() => undefined);
    const lessons = await Promise.all(
      [...simulator.lessons.values()].map(async (l) => ({ title: l.title, record: await read(l.meetingId) })),
    );
    json(res, {
      trails: alertTrails(
        lessons.flatMap(({ title, record }) => (record ? [{ title, record }] : [])),
        school,
      ),
    });
  });

  server.get('/dev/api/chat/:personId', async (req: Request, res: Response) => {
    const personId = param(req, 'personId');
    const fromBot = feedEntries(deps.connector.requests, 0, school, simulator.lessons.values())
      .filter((e) => e.personId === personId)
      .map((e) => ({ from: 'bot' as const, position: e.seq, entry: e }));
    const fromPerson = simulator.sent
      .filter((l) => l.personId === personId)
      .map((l) => ({ from: 'person' as const, position: l.position, text: l.text, at: l.at }));
    json(res, { lines: [...fromBot, ...fromPerson].sort((a, b) => a.position - b.position) });
  });

  server.post('/dev/api/chat/:personId', async (req: Request, res: Response) => {
    const delivery = await simulator.chat(param(req, 'personId'), parse(chatBody, req.body));
    json(res, delivery);
  });
}
