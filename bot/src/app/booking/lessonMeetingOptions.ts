/**
 * The meeting options a booked lesson is given, from the same policy targets the live meeting-options
 * check enforces, so the lesson starts compliant and the check finds nothing to change.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { targetSettings } from '../../domain/policy/targetSettings.js';
import type { Invitee, LessonMeetingOptions } from './ports.js';

/** Options for a lesson with these invitees: staff present when only named people may, recording when always asked. */
export function lessonMeetingOptions(policy: Policy, invitees: Invitee[]): LessonMeetingOptions {
  const target = targetSettings(policy);
  return {
    ...(target.lobbyScope ? { lobby: { scope: target.lobbyScope, dialInBypass: target.dialInBypass ?? true } } : {}),
    allowedPresenters: target.allowedPresenters,
    // "Specific people" must name them: the staff present, pupils attend.
    ...(target.allowedPresenters === 'roleIsPresenter' ? { presenters: invitees } : {}),
    ...(target.attendeeMicAllowed === false ? { attendeeMicAllowed: false } : {}),
    // A booked lesson always has its second adult, so only "always" asks Teams to record from the start.
    ...(policy.recording.required === 'always' ? { recordAutomatically: true } : {}),
  };
}
