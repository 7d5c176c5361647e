import { strict as assert } from 'node:assert';
import type { Delivery } from '../../../bot/src/app/delivery/delivery.js';
import { ESCALATE_REASON } from '../../../bot/src/app/delivery/escalation.js';
import { ONE_TO_ONE_KEY } from '../../../bot/src/app/lessonRoutines/oneToOneConcern.js';
import { EVALUATE_REASON } from '../../../bot/src/app/lesson/reevaluateAndSave.js';
import { join, policy, pupil, sec, staff, started, T0 } from '../../domain/builders.js';
import { DSL, KEY, useSuts, type Sut } from './makeSut.js';

const GRACE_MS = policy().graceSeconds * 1000;

/** Messages sent so far about the one-to-one, as `recipient:phase`. */
function toldOfOneToOne(sut: Sut): string[] {
  return sut.sent.flatMap((d: Delivery) => {
    if (d.message.kind !== 'finding' || d.message.finding.key !== ONE_TO_ONE_KEY) return [];
    return [`${d.recipient.kind === 'person' ? d.recipient.role : d.recipient.kind}:${d.message.phase}`];
  });
}

/** A lesson in which the teacher is alone with one pupil from T0. */
async function oneToOneAtT0(sut: Sut) {
  await sut.record(started(T0, { organizerId: 't1' }));
  await sut.record(join(staff('t1'), T0));
  return sut.record(join(pupil('p1'), T0));
}

describe('app/lesson/settleFindings (the lesson path: grace periods, raises and what follows them)', () => {
  const make = useSuts();

  it('a finding inside its grace period is not raised, and a re-evaluation is scheduled for when it matures', async () => {
    const sut = make();
    const outcome = await oneToOneAtT0(sut);
    assert.deepEqual(outcome.started, []);
    const stored = await sut.meetings.load(KEY);
    assert.equal(stored?.alerts[ONE_TO_ONE_KEY]?.firstSeenAt, T0);
    assert.equal(stored?.alerts[ONE_TO_ONE_KEY]?.raisedAt, undefined);
    assert.ok(sut.timers.pending().some((t) => t.reason === EVALUATE_REASON && t.dueAt === T0 + GRACE_MS));

    assert.equal(await sut.advance(GRACE_MS - 1_000), 0, 'no timer is due yet');
    assert.deepEqual(toldOfOneToOne(sut), []);
    assert.equal(sut.concerns.create.callCount, 0);
  });

  it('once the grace period is over it is raised once: its audience is told, the DSL gets the one-to-one record, escalation is timed', async () => {
    const sut = make();
    await oneToOneAtT0(sut);
    assert.ok((await sut.advance(GRACE_MS)) >= 1);

    assert.equal((await sut.meetings.load(KEY))?.alerts[ONE_TO_ONE_KEY]?.raisedAt, T0 + GRACE_MS);
    assert.deepEqual(toldOfOneToOne(sut).sort(), ['dsl:raised', 'staffInMeeting:raised']);
    assert.equal(sut.concerns.create.callCount, 1);
    const deputiesAt = T0 + GRACE_MS + policy().escalation.deputiesAfterMinutes * 60_000;
    assert.ok(
      sut.timers.pending().some((t) => t.reason === ESCALATE_REASON && t.dueAt === deputiesAt),
      "the deputies' turn is timed",
    );

    // Later sweeps and events while it lasts raise nothing again.
    await sut.advance(60_000);
    await sut.record(join(pupil('p1'), sec(95)));
    await sut.advance(60_000);
    assert.deepEqual(toldOfOneToOne(sut).sort(), ['dsl:raised', 'staffInMeeting:raised']);
    assert.equal(sut.concerns.create.callCount, 1);
  });

  it('a finding that ends inside its grace period is never raised (a reconnect blip pages nobody)', async () => {
    const sut = make();
    await oneToOneAtT0(sut);
    sut.clock.tick(10_000);
    await sut.record(join(staff('t2'), sec(10)));
    await sut.advance(GRACE_MS);
    await sut.advance(GRACE_MS);
    assert.equal((await sut.meetings.load(KEY))?.alerts[ONE_TO_ONE_KEY], undefined);
    assert.deepEqual(toldOfOneToOne(sut), []);
    assert.equal(sut.concerns.create.callCount, 0);
  });

  it('a raised critical finding that ends is cleared once: those who were sent the raise are told it is resolved', async () => {
    const sut = make();
    await oneToOneAtT0(sut);
    await sut.advance(GRACE_MS);
    sut.clock.tick(60_000);
    const outcome = await sut.record(join(staff('t2'), sec(90)));
    assert.deepEqual(
      outcome.cleared.map((f) => f.key),
      [ONE_TO_ONE_KEY],
    );
    await sut.advance(60_000);
    assert.deepEqual(toldOfOneToOne(sut).sort(), [
      'dsl:cleared',
      'dsl:raised',
      'staffInMeeting:cleared',
      'staffInMeeting:raised',
    ]);
    assert.ok(
      sut.sent.every((d) => d.recipient.kind !== 'person' || d.recipient.aadObjectId === DSL.aadObjectId),
      "the tenant's DSL, nobody else",
    );
  });
});
