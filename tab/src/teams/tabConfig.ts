/**
 * The configuration step Teams runs when someone adds Chaperone to a meeting (the manifest's
 * `configurationUrl`). Kept apart from `teamsHost.ts` so only the lazily loaded config view pulls
 * in teams-js's `pages` code.
 */
import { pages } from '@microsoft/teams-js';

// Stable id of the tab instance; Teams hands it back in the context of every page it opens.
const TAB_ENTITY_ID = 'chaperone-lesson';

/**
 * What Teams stores for the tab. No `?context=` in the content URL: one tab instance serves the
 * meeting's side panel and its details tab, and the frame context Teams reports picks the view.
 */
export function tabSettings(origin: string): pages.InstanceConfig {
  const contentUrl = `${origin}/tab/index.html`;
  return { entityId: TAB_ENTITY_ID, contentUrl, websiteUrl: contentUrl, suggestedDisplayName: 'Chaperone' };
}

/**
 * Lets Teams save the tab: Chaperone needs no choices, so the page is valid at once, and on "Save"
 * it registers the content URL. `onFailed` gets a sentence for the person if Teams refuses.
 */
export function offerTabSettings(origin: string, onFailed: (message: string) => void): void {
  pages.config.registerOnSaveHandler((save) => {
    pages.config.setConfig(tabSettings(origin)).then(
      () => save.notifySuccess(),
      (err: unknown) => {
        const message = 'Teams could not save the Chaperone tab; close this window and add the app again.';
        onFailed(message);
        save.notifyFailure(err instanceof Error ? err.message : message);
      },
    );
  });
  pages.config.setValidityState(true);
}
