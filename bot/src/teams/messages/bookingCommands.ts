/** The `book` command: a card that opens the "Book a lesson" form in Chaperone's personal tab. */
import { bookLessonCard } from '../cards/bookLessonCard.js';
import { say, showCard, type ChatCommand } from './commandTypes.js';

/** What staff who type `book` in a lesson, group or channel chat are told (in their 1:1 chat). */
export const BOOK_IN_PERSONAL_CHAT =
  'Lessons are booked from our 1:1 chat, not from a lesson or group chat. Type "book" here and I will give you the booking form.';

const book: ChatCommand = {
  usage: 'book',
  summary: "book a live lesson that keeps the school's rules, in Chaperone's booking form",
  audience: 'staff',
  async run(deps, request) {
    if (!request.turn.personal) return say(BOOK_IN_PERSONAL_CHAT);
    return showCard(bookLessonCard(deps.teamsAppId), 'Book a lesson');
  },
};

/** The booking rows of the command table. */
export const BOOKING_COMMANDS = { book } satisfies Record<string, ChatCommand>;
