/// <reference lib="dom" />
/**
 * One person's 1:1 chat with the bot: what they typed, what the bot answered, cards with working
 * buttons (Action.Submit becomes a message with `value`, Action.Execute an `adaptiveCard/action`
 * invoke, whose answer may replace the card as Teams does).
 */
import { api, type ChatLine } from './api.js';
import { renderCard, type CardClick } from './cards.js';
import { clockText, h, richText, say } from './dom.js';

/** Cards replaced by an invoke's answer, by the activity id of the card they replace. */
const replaced = new Map<string, unknown>();

type InvokeAnswer = { statusCode?: number; type?: string; value?: unknown };

/** Draws the transcript. `refresh` redraws after a click. */
export function renderChat(list: HTMLElement, personId: string, lines: ChatLine[], refresh: () => void): void {
  const updates = new Map<string, unknown>();
  for (const line of lines)
    if (line.from === 'bot' && line.entry.kind === 'update' && line.entry.replaces)
      updates.set(line.entry.replaces, line.entry.cards[0]);
  const items = lines.flatMap((line) => {
    if (line.from === 'person') return [h('li', { class: 'person' }, line.text)];
    const { entry } = line;
    if (entry.kind === 'update') return [];
    const id = entry.activityId ?? '';
    const cards = replaced.has(id) ? [replaced.get(id)] : updates.has(id) ? [updates.get(id)] : entry.cards;
    const click = (c: CardClick) => void onCardClick(personId, id, c, refresh);
    return [
      h(
        'li',
        { class: 'bot', 'data-activity': id },
        h('div', { class: 'meta' }, `Chaperone · ${clockText(entry.at)}`),
        entry.text && !cards.length ? richText(entry.text) : null,
        ...cards.map((card) => renderCard(card, click)),
      ),
    ];
  });
  list.replaceChildren(...items);
  list.scrollTop = list.scrollHeight;
}

async function onCardClick(personId: string, activityId: string, click: CardClick, refresh: () => void): Promise<void> {
  try {
    if (click.kind === 'open') {
      window.open(click.url, '_blank', 'noopener');
      return;
    }
    const delivery = await api.say(personId, { ...click, ...(activityId ? { replyToId: activityId } : {}) });
    const answer = (delivery.body ?? {}) as InvokeAnswer;
    if (click.kind === 'execute' && answer.type === 'application/vnd.microsoft.card.adaptive')
      replaced.set(activityId, answer.value);
    if (click.kind === 'execute' && typeof answer.value === 'string') say(answer.value);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
  }
  refresh();
}

/** Sends what the person typed. */
export async function sendText(personId: string, text: string): Promise<void> {
  await api.say(personId, { kind: 'text', text });
}
