/**
 * Pure: the Teams deep link that opens a lesson's record in Chaperone's "Lesson record" tab, and
 * the way the tab reads the lesson back. Used by the DSL's cards and by the tab's "Open in Teams"
 * page, so both build the same link. The lesson travels as the link's `subEntityId`, base64url
 * encoded: Teams hands it to the tab in its context and in the content URL's `{subEntityId}`
 * placeholder, and a meeting id's `+`, `/` and `=` must survive a query string unescaped.
 */

/** The manifest's static tab for lesson records (`staticTabs[].entityId`). */
export const RECORD_ENTITY_ID = 'lessonRecord';

const TEAMS_APP_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Whether `appId` looks like a Teams app id (a GUID): anything else never goes into a link. */
export function isTeamsAppId(appId: string): boolean {
  return TEAMS_APP_ID.test(appId);
}

/** The `subEntityId` naming one lesson: its meeting id's UTF-8 bytes in base64url. */
export function recordSubEntityId(meetingId: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(meetingId)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The meeting id a `subEntityId` names, or undefined when it is not one of ours (or an unreplaced placeholder). */
export function meetingIdOfSubEntity(subEntityId: string): string | undefined {
  if (!BASE64URL.test(subEntityId)) return undefined;
  try {
    const binary = atob(subEntityId.replace(/-/g, '+').replace(/_/g, '/'));
    const meetingId = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return meetingId || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `https://teams.microsoft.com/l/entity/<appId>/<entityId>?label=...&context={"subEntityId":"..."}`:
 * opens one of Chaperone's static tabs in Teams (desktop, web or mobile), where the person is already
 * signed in; the tab reads `subEntityId` from its context. `appId` is the app's id as Teams knows it
 * (the manifest id for an uploaded app, the catalogue id for one published to the organisation's
 * store); anything but a GUID throws.
 */
export function staticTabLink(appId: string, entityId: string, label: string, subEntityId: string): string {
  if (!isTeamsAppId(appId)) throw new Error('The Teams app id must be a GUID to build a link into Teams.');
  const context = encodeURIComponent(JSON.stringify({ subEntityId }));
  return `https://teams.microsoft.com/l/entity/${appId}/${entityId}?label=${encodeURIComponent(label)}&context=${context}`;
}

/** The link that opens a lesson's record in Chaperone's "Lesson record" tab. */
export function lessonRecordLink(appId: string, meetingId: string): string {
  return staticTabLink(appId, RECORD_ENTITY_ID, 'Lesson record', recordSubEntityId(meetingId));
}
