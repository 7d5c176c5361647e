/**
 * Parses an incoming message or invoke once, at the edge, into what the commands need: who,
 * which school, whether the chat is private, and the words typed (the bot's @mention removed).
 */
import type { Activity } from 'botbuilder';
import type { PersonLookup } from '../../app/ports.js';

/** One turn of a chat with the bot, in the app's terms. */
export interface ChatTurn {
  tenantId: string;
  person: PersonLookup & { name: string };
  /** A 1:1 chat with the bot; anything else (meeting, group chat, channel) is public. */
  personal: boolean;
  /** What was typed, without the bot's @mention, trimmed, spaces collapsed. */
  text: string;
  /** Data from a card button (Action.Submit), if any. */
  value?: Record<string, unknown>;
  /** The Teams meeting whose chat this turn came from (a lesson chat), if any. */
  meetingId?: string;
}

type Mention = { type?: string; text?: string; mentioned?: { id?: string } };

/** Removes the @mention of the bot (and stray markup Teams adds) from a message's text. */
export function stripBotMention(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): string {
  let text = activity.text ?? '';
  for (const entity of (activity.entities ?? []) as Mention[]) {
    if (entity.type === 'mention' && entity.mentioned?.id === activity.recipient?.id && entity.text)
      text = text.split(entity.text).join(' ');
  }
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The turn, or undefined when Teams did not say which school (tenant) it belongs to. */
export function parseTurn(activity: Activity): ChatTurn | undefined {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = typeof channelTenant === 'string' && channelTenant ? channelTenant : activity.conversation?.tenantId;
  if (!tenantId || !activity.from?.id) return undefined;
  const meetingId = (activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
  const value =
    typeof activity.value === 'object' && activity.value !== null && !Array.isArray(activity.value)
      ? (activity.value as Record<string, unknown>)
      : undefined;
  return {
    tenantId,
    person: {
      tenantId,
      teamsId: activity.from.id,
      name: activity.from.name ?? 'A member of staff',
      ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    },
    personal: (activity.conversation?.conversationType ?? 'personal').toLowerCase() === 'personal',
    text: stripBotMention(activity),
    ...(value ? { value } : {}),
    ...(typeof meetingId === 'string' && meetingId ? { meetingId } : {}),
  };
}
