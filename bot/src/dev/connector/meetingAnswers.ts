/**
 * What the fake connector says about meetings (`GET /v1/meetings/...`): one person's place in a
 * meeting and the meeting's details, each as a test or the simulator scripted it.
 */
import { connectorError, type ConnectorReply } from './connectorWire.js';

/** What the fake says about one person in one meeting. */
export interface FakeParticipant {
  inMeeting: boolean;
  role?: string;
  name?: string;
  aadObjectId?: string;
  tenantId?: string;
}

/** What the fake says about one meeting (`details.type`: Scheduled, MeetNow, OneToOneCall, ...). */
export interface FakeMeetingInfo {
  type?: string;
  title?: string;
  organizerAadObjectId?: string;
  tenantId?: string;
  /** ISO times, as Teams' `details.scheduledStartTime` / `scheduledEndTime`. */
  scheduledStartTime?: string;
  scheduledEndTime?: string;
}

/** A 200 about one meeting; Teams names the meeting's group chat in each. */
function aboutMeeting(meetingId: string, body: Record<string, unknown>): ConnectorReply {
  const conversation = { id: `19:meeting_${meetingId}@thread.v2`, isGroup: true, conversationType: 'groupChat' };
  return { status: 200, body: { ...body, conversation } };
}

/** `GET /v1/meetings/:meetingId/participants/:userId`: 404 unless the person was scripted. */
export function participantReply(
  meetingId: string,
  userId: string,
  p: FakeParticipant | undefined,
  askedTenantId: string | undefined,
): ConnectorReply {
  if (!p) return connectorError(404, 'NotFound', 'Participant not found in this meeting.');
  return aboutMeeting(meetingId, {
    user: {
      id: userId,
      name: p.name ?? 'Fake Participant',
      aadObjectId: p.aadObjectId,
      tenantId: p.tenantId ?? askedTenantId,
    },
    meeting: { role: p.role ?? 'Attendee', inMeeting: p.inMeeting },
  });
}

/** `GET /v1/meetings/:meetingId`: the scripted details, a scheduled "Fake lesson" where none were. */
export function meetingInfoReply(meetingId: string, m: FakeMeetingInfo): ConnectorReply {
  return aboutMeeting(meetingId, {
    details: {
      id: meetingId,
      title: m.title ?? 'Fake lesson',
      type: m.type ?? 'Scheduled',
      joinUrl: 'https://teams.example/l/meetup-join/fake',
      ...(m.scheduledStartTime ? { scheduledStartTime: m.scheduledStartTime } : {}),
      ...(m.scheduledEndTime ? { scheduledEndTime: m.scheduledEndTime } : {}),
    },
    organizer: { id: '29:fake-organizer', aadObjectId: m.organizerAadObjectId, tenantId: m.tenantId },
  });
}
