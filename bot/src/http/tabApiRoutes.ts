import type { Server } from 'restify';
import { createSsoVerifier, type SsoVerifier } from './auth/ssoVerifier.js';
import { registerConcernRoutes } from './concernRoutes.js';
import { registerBookingRoutes } from './tabApi/bookingRoutes.js';
import { registerTabApi } from './tabApi/index.js';
import { registerSchoolRoutes } from './tabApi/schoolRoutes.js';
import type { Config } from '../config.js';
import type { ServiceCore } from '../compose/serviceCore.js';
import { LOCAL_AUTH } from '../runtime/localAuth.js';

/** The SSO verifier from configuration; local mode trusts the in-process dev signer instead of Entra. */
export function verifierFor(config: Config): SsoVerifier {
  const a = config.auth;
  if (config.production || a.clientId) {
    return createSsoVerifier({
      clientId: a.clientId ?? '',
      allowedTenants: a.allowedTenants,
      domain: a.tabDomain,
      authorityHost: a.authorityHost,
      jwksUri: a.jwksUri,
      issuer: a.issuer,
    });
  }
  return createSsoVerifier({
    clientId: LOCAL_AUTH.clientId,
    allowedTenants: [LOCAL_AUTH.tenantId],
    jwksUri: `http://127.0.0.1:${config.port}${LOCAL_AUTH.jwksPath}`,
  });
}

/**
 * Registers the tab API (the side panel's status, writes and register export; concerns; the school view; booking a
 * lesson).
 */
export function tabApiRoutes(server: Server, core: ServiceCore): void {
  const verifier = verifierFor(core.config);
  // Polls read the shared snapshot cache (fresh within 2 s), so an unchanged lesson costs no storage read.
  const meetings = { load: (key: Parameters<typeof core.meetings.load>[0]) => core.readMeeting(key) };
  const tabDeps = {
    meetings,
    concerns: core.concerns,
    directory: core.directory,
    applyEvent: core.recordLessonEvent,
    requestKeys: core.requestKeys,
    policyFor: core.policyFor,
    clock: core.clock,
    logger: core.logger,
    verifier,
  };
  registerTabApi(server, tabDeps);
  registerSchoolRoutes(server, tabDeps, {
    board: core.school,
    acknowledge: core.acknowledgeAlert,
    concerns: { store: core.concerns, notifier: core.teams.concernNotifier },
    report: { board: core.schoolBoard },
  });
  registerBookingRoutes(server, tabDeps, core.booking);
  registerConcernRoutes(server, {
    concerns: core.concerns,
    meetings: core.meetings,
    notifier: core.teams.concernNotifier,
    directory: core.directory,
    policyFor: core.policyFor,
    verifier,
    clock: core.clock,
    logger: core.logger,
  });
}
