/**
 * Opening a lesson's record from the school view: inside Teams through the record's Teams deep link
 * (the one the DSL's alert cards use), which needs the app's id in Teams; otherwise the record view's
 * own address, opened as a plain link.
 */
import { app } from '@microsoft/teams-js';
import { isTeamsAppId, lessonRecordLink, recordSubEntityId } from '../../../bot/src/teams/alerts/recordLink.js';
import { inTeams, openThroughTeams } from './openLink.js';

/** The record view's address in this tab: `?context=record&lesson=<the lesson as the deep link names it>`. */
export function recordViewUrl(meetingId: string): string {
  return `${window.location.pathname}?context=record&lesson=${recordSubEntityId(meetingId)}`;
}

/** The app's id in Teams: from Teams' context, else from the tab's address (`&app=`, which the manifest can set). */
export async function teamsAppId(): Promise<string | undefined> {
  if (!inTeams()) return undefined;
  const fromContext = (await app.getContext().catch(() => undefined))?.app.appId?.toString();
  const id = fromContext ?? new URLSearchParams(window.location.search).get('app') ?? '';
  return isTeamsAppId(id) ? id : undefined;
}

/**
 * Opens the record through Teams when the tab is in Teams and knows its app id, and says so; false
 * when it cannot, so the caller's plain link opens the record view instead.
 */
export function openRecordInTeams(appId: string | undefined, meetingId: string): boolean {
  if (!appId || !inTeams()) return false;
  openThroughTeams(lessonRecordLink(appId, meetingId));
  return true;
}
