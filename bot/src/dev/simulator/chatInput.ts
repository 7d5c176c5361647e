/**
 * What a person does in their 1:1 chat with the bot in the simulator (types, presses a button on a
 * card), as the line the chat pane shows and as the activity Teams would send.
 */
import type { TeamsActivity } from '../activities.js';
import type { SimTeams } from './simTeams.js';

/** What the person typed or clicked in their 1:1 chat with the bot. */
export type ChatInput =
  | { kind: 'text'; text: string }
  | { kind: 'submit'; data: Record<string, unknown>; replyToId?: string }
  | { kind: 'execute'; verb: string; data: Record<string, unknown>; replyToId?: string };

/** A line the person sent, kept so the chat pane can show both sides. */
export interface SentChatLine {
  personId: string;
  at: number;
  /** Where it falls among what the bot sent (index into the connector's record). */
  position: number;
  text: string;
}

/** The words the chat pane shows for the input: what was typed, or the button in brackets. */
export function chatLineText(input: ChatInput): string {
  if (input.kind === 'text') return input.text;
  return input.kind === 'execute' ? `[${input.verb}]` : `[${String(input.data.command ?? 'button')}]`;
}

/** The activity Teams sends for the input, from `chat` (the person's 1:1 chat) at `at`. */
export function chatActivity(chat: ReturnType<SimTeams['personalChat']>, at: number, input: ChatInput): TeamsActivity {
  if (input.kind === 'text') return chat.message(at, input.text);
  return input.kind === 'submit'
    ? chat.submit(at, input.data, input.replyToId)
    : chat.execute(at, input.verb, input.data, input.replyToId);
}
