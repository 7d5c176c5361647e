/**
 * The `book` command's card: it opens the "Book a lesson" form in Chaperone's personal tab through a
 * Teams deep link, or, when the service does not know the Teams app's id, says how to find the form.
 */
import { isTeamsAppId, staticTabLink } from '../alerts/recordLink.js';
import { cardJson, heading, para, type CardElement } from './adaptive.js';

/** The manifest's personal tab that holds the school view and the booking form (`staticTabs[].entityId`). */
export const SCHOOL_ENTITY_ID = 'school';

/** The `subEntityId` naming the tab's "Book a lesson" section. */
export const BOOK_SECTION = 'book';

/** The link that opens Chaperone's personal tab in Teams on its "Book a lesson" section. */
export function bookLessonLink(appId: string): string {
  return staticTabLink(appId, SCHOOL_ENTITY_ID, 'Book a lesson', BOOK_SECTION);
}

/** What the card says the form does (true whether or not booking is set up: the form checks either way). */
const WHAT_IT_DOES =
  "The form checks your lesson against the school's rules before anything is booked, and tells you what to change.";

/** Where the form is when the card cannot link to it. */
const HOW_TO_FIND_IT =
  'To open it: in Teams, select **Apps** on the left and open **Chaperone**, then its **Safeguarding** tab. ' +
  'The form is there, under **Book a lesson**.';

/** The card: a button to the form when `teamsAppId` is a Teams app id, otherwise the way to find it. */
export function bookLessonCard(teamsAppId: string | undefined): CardElement {
  const body = [heading('Book a lesson'), para(WHAT_IT_DOES)];
  if (!teamsAppId || !isTeamsAppId(teamsAppId)) return cardJson([...body, para(HOW_TO_FIND_IT)]);
  return cardJson(body, [{ type: 'Action.OpenUrl', title: 'Open the booking form', url: bookLessonLink(teamsAppId) }]);
}
