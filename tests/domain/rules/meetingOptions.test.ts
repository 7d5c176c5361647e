import { strict as assert } from 'node:assert';
import {
  adminAccessFinding,
  manualStepsFinding,
  settingsChangedFinding,
  settingsToSet,
  type OptionChange,
} from '../../../bot/src/domain/rules/meetingOptions.js';
import { policy } from '../builders.js';

const lobbyChange: OptionChange = {
  label: 'Who can bypass the lobby',
  after: 'Only organizers and co-organizers',
  text: 'Who can bypass the lobby: Everyone -> Only organizers and co-organizers',
  source: 'seed 002 line 18',
};
const dialInChange: OptionChange = {
  label: 'People dialing in can bypass the lobby',
  after: 'Off',
  text: 'People dialing in can bypass the lobby: On -> Off',
  source: 'seed 002 line 18',
};
const micChange: OptionChange = {
  label: 'Allow mic for attendees',
  after: 'Off',
  text: 'Allow mic for attendees: On -> Off',
  source: 'seed 004 line 53',
};
const requirement = {
  permission: 'OnlineMeetings.ReadWrite.All',
  adminSteps: ['run New-CsApplicationAccessPolicy', 'run Grant-CsApplicationAccessPolicy'],
};
const wordsOf = (f: { message: string; action: string }) => `${f.message} ${f.action}`;

describe('rules/meeting-options', () => {
  it('seed 004 lines 31, 34, 53: tells the organizer each change made, citing the seed lines of those changes only in `source`', () => {
    const finding = settingsChangedFinding([lobbyChange, dialInChange, micChange]);
    assert.equal(finding.ruleId, 'meeting-options');
    assert.deepEqual(
      [finding.key, finding.severity, finding.audience],
      ['meeting-options:changed', 'info', ['organizer']],
    );
    assert.match(
      finding.message,
      /Everyone -> Only organizers and co-organizers; People dialing in can bypass the lobby: On -> Off; Allow mic/,
    );
    assert.equal(finding.source, 'seed 002 line 18; seed 004 line 53');
    assert.doesNotMatch(wordsOf(finding), /seed/i);
  });

  it('names the permission the admin must grant, then the further steps, numbered in order', () => {
    const finding = adminAccessFinding(requirement);
    assert.equal(finding.key, 'meeting-options:admin:OnlineMeetings.ReadWrite.All');
    assert.match(finding.message, /has not been given OnlineMeetings\.ReadWrite\.All/);
    assert.match(
      finding.action,
      /\(1\) grant the app the Microsoft Graph application permission OnlineMeetings\.ReadWrite\.All /,
    );
    assert.match(finding.action, /\(2\) run New-Cs.*\(3\) run Grant-Cs/);
    assert.doesNotMatch(wordsOf(finding), /seed/i);
  });

  it('when the access policy is what is missing, asks only for the admin steps, under one key for every lesson', () => {
    const finding = adminAccessFinding(requirement, 'accessPolicy');
    assert.equal(finding.key, 'meeting-options:admin:accessPolicy');
    assert.match(finding.message, /no Teams application access policy/);
    assert.doesNotMatch(finding.action, /application permission/);
    assert.equal(adminAccessFinding({ ...requirement, permission: 'Other.All' }, 'accessPolicy').key, finding.key);
    assert.equal(adminAccessFinding(requirement, 'signIn').key, 'meeting-options:admin:signIn');
  });

  it('seed 002 line 18: staff set by hand the changes Chaperone planned but could not make', () => {
    const finding = manualStepsFinding(policy(), 'Chaperone could not reach Microsoft Teams.', [
      lobbyChange,
      micChange,
    ]);
    assert.deepEqual(
      [finding.key, finding.severity, finding.audience],
      ['meeting-options:manual', 'warning', ['organizer', 'staffPresent']],
    );
    assert.match(finding.message, /^Chaperone could not reach Microsoft Teams\. Please check/);
    assert.match(
      finding.action,
      /set: Who can bypass the lobby: Only organizers and co-organizers; Allow mic for attendees: Off; then Save\.$/,
    );
    assert.doesNotMatch(wordsOf(finding), /seed/i);
  });

  it('seed 004 lines 31, 34, 53: with nothing read from Teams, staff set everything the policy asks for', () => {
    assert.deepEqual(settingsToSet(policy()), [
      'Who can bypass the lobby: Only organizers and co-organizers',
      'People dialing in can bypass the lobby: Off',
      'Who can present: Only me and co-organizers',
      'Allow mic for attendees: Off',
    ]);
    assert.deepEqual(settingsToSet(policy(), []), settingsToSet(policy()));
  });

  it('asks only for what the policy asks: no lobby, open presenters with screen sharing allowed, microphones on', () => {
    const relaxed = policy({
      lobby: { required: false },
      presenters: { screenSharingOff: false, muteOnEntry: false, allowedPresenters: 'everyone' },
    });
    assert.deepEqual(settingsToSet(relaxed), ['Who can present: Everyone']);
    const noSharing = policy({ presenters: { screenSharingOff: true, allowedPresenters: 'everyone' } });
    assert.ok(settingsToSet(noSharing).includes('Who can present: Specific people'));
  });
});
