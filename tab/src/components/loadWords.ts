/**
 * What the tab says when code it fetches on demand could not be fetched (a request dropped on the school network).
 * The browser remembers such a failure until the page is loaded again, so the way out is to open Chaperone again.
 */

/** A part of the tab (a view or a section) that could not be loaded. */
export const PART_NOT_LOADED =
  'This part of Chaperone could not be loaded. Check your connection, then close Chaperone and open it again.';

/** Said beside "Log a concern" when the concern form could not be loaded. */
export const FORM_NOT_LOADED =
  'The concern form could not be loaded, so nothing was sent. Check your connection, then close Chaperone and open ' +
  'it again. If the concern cannot wait, tell your Designated Safeguarding Lead now, in person or by phone.';
