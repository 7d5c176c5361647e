/**
 * The senior leadership team's scheduled cards on the service's tick. From the policy's `sendAt`
 * until school ends, on each school day (the morning digest) and each Monday (last week's report),
 * a school that turned the card on gets it planned once: one outbox row per school, day and card,
 * created insert-if-absent, so two instances plan it once. The lessons' own delivery round sends
 * it: a card counts as sent only when Teams answered 2xx, and one Teams did not take is retried
 * with backoff and Retry-After. Never throws: a failure is logged and tried on a later tick.
 */
import { LRUCache } from 'lru-cache';
import type { Policy } from '../../domain/policy/schema.js';
import type { Delivery, DeliverySender, LessonCardMessage } from '../delivery/delivery.js';
import { runDeliveryRound } from '../delivery/deliveryRound.js';
import { errorFacts } from '../errorFacts.js';
import type { Clock, Logger, ParticipantDirectory } from '../ports.js';
import { localDateAndTime } from '../time.js';
import type { SchoolBoardStore, SeniorCardKind, SeniorCardStore } from './ports.js';
import { addDays, isoWeekday } from './schoolDays.js';
import { morningDigestCard, weeklyReportCard, type SeniorCard } from './seniorCards.js';
import { weekReport } from './weekReport.js';

/** How often the sweep looks at the schools (the cards go out within this of `sendAt`). */
export const SENIOR_CHECK_MS = 60_000;

/** What the sweep needs. */
export interface SeniorCardDeps {
  /** The school view's board: the schools with one, their day's lessons and last week's figures. */
  board: Pick<SchoolBoardStore, 'schools' | 'day' | 'days'>;
  store: SeniorCardStore;
  directory: Pick<ParticipantDirectory, 'listEscalation'>;
  sender: DeliverySender;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
}

/** Builds the sweep: call it on every tick; it looks at the schools once a minute. */
export function createSeniorCardSweep(deps: SeniorCardDeps): (now: number) => Promise<void> {
  // Cards whose outbox is settled (every card sent or given up, or nothing to send): not looked at again.
  const settled = new LRUCache<string, true>({ max: 10_000 });
  let nextCheckAt = -Infinity;
  let running = false;
  return async (now) => {
    if (running || now < nextCheckAt) return;
    running = true;
    nextCheckAt = now + SENIOR_CHECK_MS;
    try {
      for await (const tenantId of deps.board.schools()) {
        for (const due of dueCards(deps.policyFor(tenantId), now)) {
          const id = `${tenantId}|${due.day}|${due.kind}`;
          if (settled.has(id)) continue;
          if (await sendCard(deps, tenantId, due)) settled.set(id, true);
        }
      }
    } catch (error) {
      deps.logger.warn({ err: errorFacts(error) }, 'Could not send the senior team cards; the next check tries again.');
    } finally {
      running = false;
    }
  };
}

interface DueCard {
  kind: SeniorCardKind;
  /** The school's date the card is for (the Monday, for the weekly report). */
  day: string;
}

/** The cards due at `now`: from `sendAt` to the end of school hours, on their days. */
export function dueCards(policy: Policy, now: number): DueCard[] {
  const { seniorTeam, schoolHours, school } = policy;
  const { date: day, time } = localDateAndTime(now, school.timeZone);
  if (time < seniorTeam.sendAt || time >= schoolHours.end) return [];
  const weekday = isoWeekday(day);
  const due: DueCard[] = [];
  if (seniorTeam.morningDigest && schoolHours.days.includes(weekday)) due.push({ kind: 'morning', day });
  if (seniorTeam.weeklyReport && weekday === 1) due.push({ kind: 'weekly', day });
  return due;
}

/** Plans the card (once) and runs a delivery round; true when there is nothing more to do for it. */
async function sendCard(deps: SeniorCardDeps, tenantId: string, due: DueCard): Promise<boolean> {
  const book = deps.store.book(tenantId, due.day, due.kind);
  if (!(await book.load())) {
    const seniors = await deps.directory.listEscalation(tenantId, 'slt');
    const card = seniors.length ? await cardFor(deps, tenantId, due) : undefined;
    if (!card) return true;
    const now = deps.clock.now();
    const deliveries = seniors.map((p) => planned(due, card, p.aadObjectId, now));
    if ((await deps.store.create(tenantId, due.day, due.kind, deliveries)) === 'created')
      deps.logger.info({ kind: due.kind, recipients: deliveries.length }, 'Senior team card planned.');
  }
  const round = await runDeliveryRound(
    { sender: deps.sender, now: () => deps.clock.now(), logger: deps.logger },
    tenantId,
    book,
  );
  return round.nextDueAt === undefined;
}

async function cardFor(deps: SeniorCardDeps, tenantId: string, due: DueCard): Promise<SeniorCard | undefined> {
  const policy = deps.policyFor(tenantId);
  if (due.kind === 'morning') return morningDigestCard(await deps.board.day(tenantId, due.day), policy, due.day);
  const monday = addDays(due.day, -7);
  return weeklyReportCard(weekReport(await deps.board.days(tenantId, monday, addDays(monday, 6)), monday, policy));
}

function planned(due: DueCard, card: SeniorCard, aadObjectId: string, now: number): Delivery<LessonCardMessage> {
  return {
    id: `senior|${due.kind}|${due.day}|${aadObjectId}`,
    message: { kind: 'card', cause: `${due.kind}@${due.day}`, title: card.title, lines: card.lines },
    recipient: { kind: 'person', aadObjectId, role: 'slt' },
    critical: false,
    state: 'pending',
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
}
