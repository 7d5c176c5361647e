/// <reference lib="dom" />
/**
 * Renders the bot's Adaptive Cards with Microsoft's `adaptivecards` renderer (loaded as a script,
 * global `AdaptiveCards`) and turns button clicks into what Teams would send the bot.
 */
import type * as AdaptiveCardsModule from 'adaptivecards';
import { h } from './dom.js';

declare global {
  interface Window {
    AdaptiveCards: typeof AdaptiveCardsModule;
  }
}

/** What a click on a card button means. */
export type CardClick =
  | { kind: 'submit'; data: Record<string, unknown> }
  | { kind: 'execute'; verb: string; data: Record<string, unknown> }
  | { kind: 'open'; url: string };

const asRecord = (data: unknown): Record<string, unknown> =>
  typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};

/** Renders one card; `onClick` gets its buttons (absent: the card is shown read-only, as in the feed). */
export function renderCard(json: unknown, onClick?: (click: CardClick) => void): HTMLElement {
  const AC = window.AdaptiveCards;
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({
    fontFamily: "'Segoe UI', system-ui, sans-serif",
    supportsInteractivity: Boolean(onClick),
  });
  card.onExecuteAction = (action) => {
    if (!onClick) return;
    if (action instanceof AC.ExecuteAction)
      onClick({ kind: 'execute', verb: action.verb ?? '', data: asRecord(action.data) });
    else if (action instanceof AC.SubmitAction) onClick({ kind: 'submit', data: asRecord(action.data) });
    else if (action instanceof AC.OpenUrlAction && action.url) onClick({ kind: 'open', url: action.url });
  };
  try {
    card.parse(json);
    const rendered = card.render();
    if (rendered) return h('div', { class: 'card' }, rendered);
  } catch {
    // Fall through: show that the card could not be drawn rather than nothing.
  }
  return h('div', { class: 'card meta' }, 'This card could not be rendered.');
}
