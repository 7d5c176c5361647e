/** A lesson's attendance register as a card (the CSV goes alongside it as a file). */
import type { LessonRegister } from '../../app/registers/registerForMeeting.js';
import { formatInZone } from '../../app/time.js';
import { cardJson, heading, para, theirWords, type CardElement } from './adaptive.js';

/** The register card: one line per person with role, times and minutes present. */
export function registerCard(register: LessonRegister, timeZone: string): CardElement {
  const when = (at?: number) => (at === undefined ? '-' : formatInZone(at, timeZone).slice(11));
  const body: CardElement[] = [
    heading('Register'),
    theirWords(register.title, 'Lesson'),
    ...(register.startedAt === undefined
      ? []
      : [para(`Started ${formatInZone(register.startedAt, timeZone)}`, { subtle: true })]),
  ];
  if (!register.rows.length) body.push(para('Nobody is on the register for this lesson.'));
  for (const row of register.rows) {
    body.push(theirWords(row.name, row.role));
    body.push(
      para(`Joined ${when(row.firstJoinAt)}, left ${when(row.lastLeaveAt)}, ${row.minutesPresent} min present`, {
        subtle: true,
      }),
    );
  }
  return cardJson(body);
}
