import { LOCAL_BOT } from '../../bot/src/dev/activities.js';

/** The text of a message that @mentions Chaperone, as Teams writes it. */
export const MENTION = '<at>Chaperone</at>';

/**
 * `message` (what a person typed, from `personalChatActivities`, its text starting with {@link MENTION})
 * as Teams delivers it from a lesson's meeting chat: a group chat of that meeting, with the mention.
 */
export function inLessonChat(
  message: Record<string, unknown>,
  lesson: { tenantId: string; meetingId: string; conversationId: string },
): Record<string, unknown> {
  return {
    ...message,
    conversation: {
      id: lesson.conversationId,
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: lesson.tenantId,
    },
    channelData: { tenant: { id: lesson.tenantId }, meeting: { id: lesson.meetingId } },
    entities: [{ type: 'mention', text: MENTION, mentioned: LOCAL_BOT }],
  };
}
