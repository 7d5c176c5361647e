/**
 * Graph tokens that act as the signed-in teacher: the tab's Teams sign-in token exchanged on the
 * server with the on-behalf-of flow. Production uses `@microsoft/teamsfx`'s
 * `OnBehalfOfUserCredential` (MSAL underneath); refusals become {@link DelegatedAccessError}s the tab
 * can act on. Tokens are never logged or kept beyond the request.
 */
import type { OnBehalfOfUserCredential } from '@microsoft/teamsfx';
import { DelegatedAccessError } from '../../app/booking/ports.js';
import { GraphUnavailableError } from '../../app/meetingControl/ports.js';

/** Exchanges a Teams sign-in token for a Graph token with these delegated scopes. */
export interface DelegatedTokens {
  forUser(ssoToken: string, scopes: string[]): Promise<string>;
}

/** The tab's Entra app, which holds the delegated permissions. */
export interface OboAppOptions {
  /** `AAD_APP_CLIENT_ID`: the tab's app, the audience of its sign-in tokens. */
  clientId: string;
  /** The tab app's client secret (the on-behalf-of grant is a confidential client's). */
  clientSecret: string;
  /** The school's tenant. */
  tenantId: string;
  /** `AAD_AUTHORITY_HOST`, default the public cloud. MSAL accepts only https authorities. */
  authorityHost?: string;
}

/** The credential's constructor, injectable so tests drive its MSAL client. */
export type OboCredentialFactory = (ssoToken: string, app: Required<OboAppOptions>) => OnBehalfOfUserCredential;

/** teamsfx, loaded on the first exchange: it is large, and the service's boot (and most processes) never need it. */
const teamsfx = () => import('@microsoft/teamsfx');

/** On-behalf-of tokens through teamsfx: a credential per sign-in token, as teamsfx builds them. */
export function teamsfxDelegatedTokens(
  options: OboAppOptions,
  createCredential?: OboCredentialFactory,
): DelegatedTokens {
  const app = { authorityHost: 'https://login.microsoftonline.com', ...options };
  return {
    async forUser(ssoToken, scopes) {
      const { ErrorCode, ErrorWithCode, OnBehalfOfUserCredential } = await teamsfx();
      try {
        const credential = createCredential?.(ssoToken, app) ?? new OnBehalfOfUserCredential(ssoToken, app);
        const token = await credential.getToken(scopes);
        if (!token) throw new GraphUnavailableError('The Microsoft sign-in service gave no token.');
        return token.token;
      } catch (error) {
        throw refusalOf(error, { ErrorCode, ErrorWithCode });
      }
    },
  };
}

/**
 * teamsfx's codes, as it maps MSAL's errors: `UiRequiredError` (Entra answered `interaction_required`, or
 * `invalid_grant` for consent not given, AADSTS65001): the teacher consents in Teams and retries;
 * `TokenExpiredError` and `InvalidParameter` (the sign-in token expired or is not one): sign in again;
 * a `ServiceError` naming admin consent (AADSTS90094, AADSTS90008): the school must grant it; anything else:
 * the sign-in service is unavailable.
 */
function refusalOf(
  error: unknown,
  { ErrorCode, ErrorWithCode }: Pick<Awaited<ReturnType<typeof teamsfx>>, 'ErrorCode' | 'ErrorWithCode'>,
): Error {
  if (!(error instanceof ErrorWithCode)) return error instanceof Error ? error : new Error(String(error));
  switch (error.code) {
    case ErrorCode.UiRequiredError:
      return new DelegatedAccessError('consentRequired');
    case ErrorCode.TokenExpiredError:
    case ErrorCode.InvalidParameter:
    case ErrorCode.InternalError:
      return new DelegatedAccessError('signInAgain');
    default:
      return /AADSTS(90094|90008|65001)/.test(error.message)
        ? new DelegatedAccessError('notGranted')
        : new GraphUnavailableError('The Microsoft sign-in service did not answer as expected.');
  }
}
