/**
 * Small builders for Adaptive Cards (schema 1.5), so every card of the bot has the same frame
 * and the rest of the code writes only what differs.
 */
import type { Attachment } from 'botbuilder';

/** Content type Teams expects for an Adaptive Card attachment and an invoke response card. */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Any Adaptive Card element or action, as plain JSON. */
export type CardElement = Record<string, unknown>;

/** The card JSON itself (for invoke responses, which carry the card without an attachment). */
export function cardJson(body: CardElement[], actions: CardElement[] = []): CardElement {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
  };
}

/** The card as a message attachment. */
export function cardAttachment(card: CardElement): Attachment {
  return { contentType: ADAPTIVE_CARD, content: card };
}

/** A heading line. */
export const heading = (text: string, color?: 'Attention' | 'Good' | 'Warning'): CardElement => ({
  type: 'TextBlock',
  text,
  weight: 'Bolder',
  size: 'Medium',
  wrap: true,
  style: 'heading',
  ...(color ? { color } : {}),
});

/** A paragraph; `subtle` for secondary lines. Text from people is shown as plain text (no Markdown). */
export const para = (
  text: string,
  options: { subtle?: boolean; color?: 'Attention' | 'Good' | 'Warning' } = {},
): CardElement => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...(options.subtle ? { isSubtle: true, size: 'Small' } : {}),
  ...(options.color ? { color: options.color } : {}),
});

/** A list of label/value pairs (values are our own text: FactSet renders Markdown). */
export const facts = (pairs: Array<[string, string]>): CardElement => ({
  type: 'FactSet',
  facts: pairs.map(([title, value]) => ({ title, value })),
});

/** A button that sends an `adaptiveCard/action` invoke with `verb` and `data`. */
export const execute = (
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  style?: 'positive' | 'destructive',
): CardElement => ({
  type: 'Action.Execute',
  title,
  verb,
  data,
  ...(style ? { style } : {}),
});

/**
 * A person's own words. A TextRun never renders Markdown, so what they typed is shown exactly
 * (and cannot smuggle in links or formatting).
 */
export const theirWords = (text: string, label?: string): CardElement => ({
  type: 'RichTextBlock',
  inlines: [...(label ? [{ type: 'TextRun', text: `${label}: `, weight: 'Bolder' }] : []), { type: 'TextRun', text }],
});
