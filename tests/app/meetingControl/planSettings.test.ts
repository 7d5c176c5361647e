import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LOBBY_SCOPES, parsePolicy } from '../../../bot/src/domain/policy/schema.js';
import { PRESENTER_SCOPES } from '../../../bot/src/domain/policy/schema.js';
import { planSettings, type PlannedSettings } from '../../../bot/src/app/meetingControl/planSettings.js';

const strict = parsePolicy({});
const open: PlannedSettings = {
  lobbyScope: 'everyone',
  dialInBypass: true,
  allowedPresenters: 'everyone',
  attendeeMicAllowed: true,
};
const compliant: PlannedSettings = {
  lobbyScope: 'organizer',
  dialInBypass: false,
  allowedPresenters: 'organizer',
  attendeeMicAllowed: false,
};

describe('planSettings', () => {
  it('seed 002 line 18, seed 004 lines 31, 34, 53: an open meeting is planned down to the strict policy', () => {
    const plan = planSettings(strict, open);
    assert.deepEqual(plan.patch, {
      lobby: { scope: 'organizer', dialInBypass: false },
      allowedPresenters: 'organizer',
      attendeeMicAllowed: false,
    });
    assert.deepEqual(
      plan.changes.map((c) => c.text),
      [
        'Who can bypass the lobby: Everyone -> Only organizers and co-organizers',
        'People dialing in can bypass the lobby: On -> Off',
        'Who can present (and share their screen): Everyone -> Only me and co-organizers',
        'Allow mic for attendees: On -> Off (pupils join muted; staff let them speak)',
      ],
    );
  });

  it('plans nothing for a meeting that already complies (nothing patched)', () => {
    const plan = planSettings(strict, compliant);
    assert.deepEqual(plan.patch, {});
    assert.deepEqual(plan.changes, []);
  });

  it('seed 003, bullet 10: a lobby no more open than the policy allows is left as the teacher set it', () => {
    const policy = parsePolicy({ lobby: { maxBypassScope: 'organizationExcludingGuests' } });
    assert.equal(planSettings(policy, { ...compliant, lobbyScope: 'invited' }).patch.lobby, undefined);
    assert.deepEqual(planSettings(policy, { ...compliant, lobbyScope: 'organization' }).patch.lobby, {
      scope: 'organizationExcludingGuests',
      dialInBypass: false,
    });
  });

  it('treats a lobby scope it does not know as open and closes it', () => {
    assert.deepEqual(planSettings(strict, { ...compliant, lobbyScope: 'unknownFutureValue' }).patch.lobby, {
      scope: 'organizer',
      dialInBypass: false,
    });
  });

  it('seed 002 line 18: dial-in bypass alone is turned off, keeping the lobby scope', () => {
    const policy = parsePolicy({ lobby: { maxBypassScope: 'invited' } });
    const plan = planSettings(policy, { ...compliant, lobbyScope: 'organizer', dialInBypass: true });
    assert.deepEqual(plan.patch, { lobby: { scope: 'organizer', dialInBypass: false } });
  });

  it('leaves the lobby alone when the policy does not require one', () => {
    const policy = parsePolicy({ lobby: { required: false } });
    assert.equal(planSettings(policy, open).patch.lobby, undefined);
  });

  it('seed 004 line 31: screen sharing off caps presenters at named people even when the policy allows more', () => {
    const policy = parsePolicy({ presenters: { allowedPresenters: 'everyone', screenSharingOff: true } });
    assert.equal(planSettings(policy, open).patch.allowedPresenters, 'roleIsPresenter');
    const relaxed = parsePolicy({ presenters: { allowedPresenters: 'everyone', screenSharingOff: false } });
    assert.equal(planSettings(relaxed, open).patch.allowedPresenters, undefined);
  });

  it('seed 004 line 53: microphones are left alone when the policy does not mute on entry', () => {
    const policy = parsePolicy({ presenters: { muteOnEntry: false } });
    assert.equal(planSettings(policy, open).patch.attendeeMicAllowed, undefined);
  });

  it('applying a plan leaves nothing more to plan (property)', () => {
    const settings = fc.record({
      lobbyScope: fc.constantFrom(...LOBBY_SCOPES, 'unknownFutureValue'),
      dialInBypass: fc.boolean(),
      allowedPresenters: fc.constantFrom(...PRESENTER_SCOPES, 'unknownFutureValue'),
      attendeeMicAllowed: fc.boolean(),
    });
    const policies = fc.record({
      maxBypassScope: fc.constantFrom(...LOBBY_SCOPES),
      dialInBypass: fc.boolean(),
      allowedPresenters: fc.constantFrom(...PRESENTER_SCOPES),
      screenSharingOff: fc.boolean(),
      muteOnEntry: fc.boolean(),
    });
    fc.assert(
      fc.property(settings, policies, (current, p) => {
        const policy = parsePolicy({
          lobby: { maxBypassScope: p.maxBypassScope, dialInBypass: p.dialInBypass },
          presenters: {
            allowedPresenters: p.allowedPresenters,
            screenSharingOff: p.screenSharingOff,
            muteOnEntry: p.muteOnEntry,
          },
        });
        const { patch } = planSettings(policy, current);
        const after: PlannedSettings = {
          lobbyScope: patch.lobby?.scope ?? current.lobbyScope,
          dialInBypass: patch.lobby?.dialInBypass ?? current.dialInBypass,
          allowedPresenters: patch.allowedPresenters ?? current.allowedPresenters,
          attendeeMicAllowed: patch.attendeeMicAllowed ?? current.attendeeMicAllowed,
        };
        assert.deepEqual(planSettings(policy, after).changes, []);
      }),
    );
  });
});
