/**
 * What booking a lesson needs, built from configuration: the teacher's calendar through Microsoft
 * Graph as the teacher (on-behalf-of tokens from teamsfx, exchanged in the teacher's own tenant), the
 * bookings table, and the lesson cards the senior leaders' card goes through. Nothing when booking is
 * not set up (no tab app secret and no tokens given): the routes then say so.
 */
import type { LessonCards } from '../app/delivery/lessonCards.js';
import type { BookingStore } from '../app/booking/ports.js';
import type { Config } from '../config.js';
import { callerTenantTokens } from '../graph/delegated/callerTenantTokens.js';
import type { DelegatedTokens } from '../graph/delegated/delegatedTokens.js';
import { GraphLessonCalendar } from '../graph/delegated/graphLessonCalendar.js';
import { GraphLessonChat } from '../graph/delegated/graphLessonChat.js';
import type { BookingRouteDeps } from '../http/tabApi/bookingRoutes.js';
import { LOCAL_AUTH } from '../runtime/localAuth.js';

/** What {@link createBookingParts} is built from. */
export interface BookingPartsOptions {
  config: Config;
  /** Injected on-behalf-of tokens (tests: a local fake); default: teamsfx with the tab app's secret, if configured. */
  tokens?: DelegatedTokens;
  /** Where the delegated Graph calls go; default `GRAPH_BASE_URL`. */
  graphBaseUrl?: string;
  /** The bookings, as the storage adapters keep them. */
  bookings: BookingStore;
  /** The lesson outbox's cards, as the lesson routines use them. */
  cards: LessonCards;
}

/** The booking routes' dependencies, or undefined when booking is not set up. */
export function createBookingParts(options: BookingPartsOptions): BookingRouteDeps | undefined {
  const tokens = options.tokens ?? callerTenantTokens(options.config);
  if (!tokens) return undefined;
  const baseUrl = options.graphBaseUrl ?? options.config.graph.baseUrl;
  const { teamsAppId, auth } = options.config;
  return {
    calendar: new GraphLessonCalendar({ baseUrl, tokens }),
    // Chaperone into each booked lesson's chat: needs its catalogue id and the side panel's public address.
    ...(teamsAppId && auth.tabDomain
      ? {
          chat: new GraphLessonChat({
            baseUrl,
            tokens,
            teamsAppId,
            contentUrl: `https://${auth.tabDomain}/tab/index.html`,
          }),
        }
      : {}),
    bookings: options.bookings,
    cards: options.cards,
    // The tab app the consent window asks for (local mode: the dev sign-in's app id).
    app: {
      clientId: options.config.booking.onBehalfOf?.clientId ?? options.config.auth.clientId ?? LOCAL_AUTH.clientId,
      authorityHost: options.config.auth.authorityHost,
    },
  };
}
