/** Small fakes shared by the lesson routine tests. */
import sinon from 'sinon';
import type { ApplyOutcome } from '../../../bot/src/app/lesson/applyMeetingEvent.js';
import type { Logger } from '../../../bot/src/app/ports.js';
import { evaluate } from '../../../bot/src/domain/evaluate.js';
import type { Policy } from '../../../bot/src/domain/policy/schema.js';
import { reduce } from '../../../bot/src/domain/reducer.js';
import type { AlertBook, MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';

/** A silent logger whose calls can be inspected. */
export function fakeLogger(): Logger & { info: sinon.SinonSpy; warn: sinon.SinonSpy; error: sinon.SinonSpy } {
  const logger = {
    debug: sinon.fake(),
    info: sinon.fake(),
    warn: sinon.fake(),
    error: sinon.fake(),
    child: () => logger,
  };
  return logger;
}

/**
 * An `applyEvent` that reduces onto `state` in memory and records the events it was given; with a
 * policy it also evaluates the rules (at the event's time), as the real use case does.
 */
export function fakeApply(state: MeetingState, policy?: Policy) {
  const events: MeetingEvent[] = [];
  let current = state;
  let book: AlertBook = {};
  const apply = sinon.fake(async (_key: unknown, event: MeetingEvent): Promise<ApplyOutcome> => {
    const duplicate = current.applied.includes(event.id);
    events.push(event);
    current = reduce(current, event);
    const result = policy && !duplicate ? evaluate(policy, current, event.at, book) : undefined;
    if (result) book = result.book;
    return {
      outcome: duplicate ? 'duplicate' : 'applied',
      record: { state: current, alerts: book, etag: 'e' },
      started: result?.started ?? [],
      cleared: result?.cleared ?? [],
    };
  });
  return { apply, events, current: () => current };
}
