import type { Request, Response } from 'restify';
import type { MeetingKey } from '../../app/ports.js';
import type { Role } from '../../domain/types.js';
import { authenticate } from '../auth/bearer.js';
import type { Caller } from '../auth/ssoVerifier.js';
import { HttpError } from '../errors.js';
import { authorize, meetingKeyFor, type TabAbility } from './access.js';
import type { TabApiDeps } from './deps.js';

/** The verified caller, their role, and the lesson the URL names inside their tenant. */
export interface Guarded {
  caller: Caller;
  role: Role;
  key: MeetingKey;
}

// Teams meeting ids are base64 (may hold `/`, `+`, `=`); anything with control characters is not one.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MEETING_ID = /^[^\u0000-\u001f\u007f]{1,1024}$/;

/** First thing every lesson handler does: sign-in (401), access (403), then the meeting key. */
export async function guardLesson(
  req: Request,
  res: Response,
  deps: TabApiDeps,
  ability: TabAbility,
): Promise<Guarded> {
  const caller = await authenticate(req, res, deps.verifier, deps.logger);
  const role = await authorize(deps.directory, caller, ability);
  const meetingId = (req.params as Record<string, string | undefined>)['meetingId'] ?? '';
  if (!MEETING_ID.test(meetingId)) throw lessonNotFound();
  return { caller, role, key: meetingKeyFor(caller, meetingId) };
}

/** The same answer whether the lesson does not exist or belongs to another school, so nothing leaks. */
export function lessonNotFound(): HttpError {
  return new HttpError(
    404,
    'lessonNotFound',
    'Chaperone has no record of this lesson yet; make sure the app is added to the meeting and the lesson has started, then try again.',
  );
}
