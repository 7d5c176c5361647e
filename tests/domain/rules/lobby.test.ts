import { strict as assert } from 'node:assert';
import { lobby, lobbyTooOpen } from '../../../bot/src/domain/rules/lobby.js';
import { at, details, meeting, policy, started, timeline } from '../builders.js';

describe('rules/lobby', () => {
  const strict = policy();
  const withScope = (scope: string) => meeting(started(at(0)), details(at(0), { lobbyBypassScope: scope }));

  it('seed 002 line 18: the lobby is on so staff can check who is waiting: everyone bypassing it is flagged', () => {
    const [finding] = lobby.evaluate(strict, withScope('everyone'), at(0));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.action ?? '', /only the organiser/);
  });

  it('seed 003 line 12: only the organiser admits children; an unknown setting counts as too open', () => {
    assert.deepEqual(lobby.evaluate(strict, withScope('organizer'), at(0)), []);
    assert.equal(lobbyTooOpen('somethingNew', 'organizer'), true);
    assert.equal(lobbyTooOpen('organization', 'organizationExcludingGuests'), true);
    assert.equal(lobbyTooOpen('invited', 'organizationExcludingGuests'), false);
  });

  it('seed 004 line 34: nothing is judged until the setting is known', () => {
    assert.deepEqual(lobby.evaluate(strict, meeting(started(at(0))), at(0)), []);
  });

  it('seed 002 line 18: raised at once and cleared when the organiser fixes the setting', () => {
    const fixed = meeting(
      started(at(0)),
      details(at(0), { lobbyBypassScope: 'everyone' }),
      details(at(1), { lobbyBypassScope: 'organizer' }),
    );
    const steps = timeline(
      strict,
      [
        { state: withScope('everyone'), now: at(0) },
        { state: fixed, now: at(1) },
      ],
      'lobby',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['lobby'], []],
        [[], ['lobby']],
      ],
    );
  });
});
