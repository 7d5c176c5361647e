import { strict as assert } from 'node:assert';
import { isSimClock, SimClock } from '../../bot/src/dev/simClock.js';

describe('dev/simClock', () => {
  it('runs at real time plus what the simulator added, and never backwards', () => {
    let real = 1_000;
    const clock = new SimClock(() => real);
    clock.advance(60_000);
    real = 2_000;
    assert.equal(clock.now(), 62_000);
    assert.throws(() => clock.advance(-1), /only moves forward/);
    clock.catchUpTo(50_000);
    assert.equal(clock.now(), 62_000, 'catching up to the past changes nothing');
    clock.catchUpTo(100_000);
    assert.equal(clock.now(), 100_000);
    assert.equal(isSimClock(clock), true);
    assert.equal(isSimClock({ now: () => 0 }), false);
  });
});
