/**
 * Graph payloads for booking a lesson (v1.0): the `event` created with a Teams meeting, the
 * `onlineMeeting` found by its join link, the options PATCHed onto it, and the event's cancellation and new
 * times. Validated once here.
 */
import { z } from 'zod';
import type { Invitee, LessonMeetingOptions, NewLessonEvent } from '../../app/booking/ports.js';

/** The created event: its id and its Teams meeting's join link. */
export const createdEventSchema = z.object({
  id: z.string().min(1),
  onlineMeeting: z.object({ joinUrl: z.string().min(1) }),
});

/** `GET /me/onlineMeetings?$filter=JoinWebUrl eq '...'`: a one-item collection, with the meeting chat's thread. */
export const meetingListSchema = z.object({
  value: z.array(z.object({ id: z.string().min(1), chatInfo: z.object({ threadId: z.string().min(1) }) })),
});

/** `POST /me/events`: the lesson with its Teams meeting, every invitee required, times in UTC. */
export function eventBody(event: NewLessonEvent): Record<string, unknown> {
  return {
    subject: event.subject,
    start: graphTime(event.start),
    end: graphTime(event.end),
    attendees: event.invitees.map((i) => ({ emailAddress: { address: i.email }, type: 'required' })),
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: false,
    transactionId: event.transactionId,
  };
}

/** `PATCH /me/events/{id}`: the new times only, in UTC as the event was made (Outlook sends everyone the update). */
export function movedBody(times: { start: number; end: number }): Record<string, unknown> {
  return { start: graphTime(times.start), end: graphTime(times.end) };
}

/** `POST /me/events/{id}/cancel`: the note Outlook's cancellation carries (Graph spells the field `Comment`). */
export function cancelBody(comment: string): Record<string, unknown> {
  return { Comment: comment };
}

/** `PATCH /me/onlineMeetings/{id}`: only the options the policy asks for. */
export function optionsBody(options: LessonMeetingOptions): Record<string, unknown> {
  return {
    ...(options.lobby
      ? { lobbyBypassSettings: { scope: options.lobby.scope, isDialInBypassEnabled: options.lobby.dialInBypass } }
      : {}),
    allowedPresenters: options.allowedPresenters,
    ...(options.presenters ? { participants: { attendees: options.presenters.map(participant) } } : {}),
    ...(options.attendeeMicAllowed === undefined ? {} : { allowAttendeeToEnableMic: options.attendeeMicAllowed }),
    ...(options.recordAutomatically === undefined ? {} : { recordAutomatically: options.recordAutomatically }),
  };
}

/** A `meetingParticipantInfo`: staff present, pupils attend. */
function participant(invitee: Invitee): Record<string, unknown> {
  return {
    upn: invitee.email,
    role: invitee.role === 'staff' ? 'presenter' : 'attendee',
    ...(invitee.aadObjectId ? { identity: { user: { id: invitee.aadObjectId } } } : {}),
  };
}

/** A `dateTimeTimeZone` in UTC. */
function graphTime(at: number): { dateTime: string; timeZone: string } {
  return { dateTime: new Date(at).toISOString().replace(/Z$/, ''), timeZone: 'UTC' };
}
