import sinon from 'sinon';
import { parsePolicy } from '../../bot/src/domain/policy/schema.js';
import { GraphClient } from '../../bot/src/graph/graphClient.js';
import { GraphMeetingControl } from '../../bot/src/graph/graphMeetingControl.js';
import { clientCredentialsTokenProvider } from '../../bot/src/graph/tokenProvider.js';
import { enforceMeetingSettings } from '../../bot/src/app/meetingControl/enforceMeetingSettings.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { standIn } from '../support/suiteResource.js';

/** The lesson's organizer (their user path is the one Graph lets the app read the meeting through). */
export const ORGANIZER = '5810cede-f3cc-42eb-b2c1-e9bd5d53ec96';
/** The lesson's join URL. A real join URL is already percent-encoded; the filter must encode it once more. */
export const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0@thread.v2/0?context=%7b%22Tid%22%3a%22t1%22%7d';
/** The lesson's onlineMeeting id. */
export const MEETING_ID = 'MSo1ODEwY2VkZS1mM2NjLTQyZWI_19:meeting_NTg0@thread.v2';

/** An onlineMeeting as Graph documents it, with every safety setting left wide open. */
function openMeeting(): Record<string, unknown> {
  return {
    id: MEETING_ID,
    creationDateTime: '2025-01-18T09:00:00Z',
    startDateTime: '2025-01-20T10:00:00Z',
    endDateTime: '2025-01-20T10:20:00Z',
    joinWebUrl: JOIN_URL,
    subject: 'Year 5 maths',
    lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: true },
    allowedPresenters: 'everyone',
    allowAttendeeToEnableMic: true,
    allowAttendeeToEnableCamera: true,
    allowMeetingChat: 'enabled',
    recordAutomatically: false,
    chatInfo: { threadId: '19:meeting_NTg0@thread.v2', messageId: '0' },
    participants: {
      organizer: {
        upn: 'teacher@school.example',
        role: 'presenter',
        identity: { user: { id: ORGANIZER, displayName: null } },
      },
      attendees: [
        { upn: 'pupil@school.example', role: 'attendee', identity: { user: { id: 'pupil-1', displayName: null } } },
      ],
    },
  };
}

/**
 * A fake Graph for the enclosing `describe` holding the lesson's meeting with every safety setting open (afresh for
 * each test), and `makeSut` for the meeting control on it, with a stubbed sleep.
 */
export function useMeetingControl() {
  let current: FakeGraph | undefined;
  useFakeGraph((started) => {
    current = started;
    current.meetings.clear();
    current.meetings.set(MEETING_ID, { organizerId: ORGANIZER, meeting: openMeeting() });
  });
  const fake = standIn(() => current);

  function makeSut() {
    const sleep = sinon.stub().resolves();
    const tokens = clientCredentialsTokenProvider({
      tenantId: 't1',
      clientId: 'app-1',
      clientSecret: 'x',
      authorityHost: fake.authorityHost,
    });
    const meetingControl = new GraphMeetingControl(new GraphClient({ baseUrl: fake.graphBaseUrl, tokens, sleep }), {
      appId: 'app-1',
    });
    const enforce = (policyInput = {}) =>
      enforceMeetingSettings(
        { meetingControl },
        { policy: parsePolicy(policyInput), organizerId: ORGANIZER, joinUrl: JOIN_URL },
      );
    return { meetingControl, enforce, sleep };
  }

  return { fake, makeSut };
}
