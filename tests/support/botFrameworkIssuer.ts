import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/** The issuer Bot Framework channel tokens carry. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * A local stand-in for the Bot Framework's token keys: an OpenID metadata document and a key set
 * (with the `msteams` endorsement real keys carry), so botbuilder's own validation can be exercised
 * offline. `sign` mints channel tokens with its key; `forge` signs the same claims with another key.
 */
export async function startBotFrameworkIssuer() {
  const real = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const kid = 'chaperone-test-key';
  const jwk = { ...(await exportJWK(real.publicKey)), kid, use: 'sig', endorsements: ['msteams'] };
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/keys'
        ? { keys: [jwk] }
        : { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mint = (key: CryptoKey, claims: JWTPayload) =>
    new SignJWT({ iss: BOT_FRAMEWORK_ISSUER, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
  return {
    /** The OpenID metadata URL to configure as `BOT_OPENID_METADATA_URL`. */
    metadataUrl: `${url}/openid`,
    sign: (claims: JWTPayload) => mint(real.privateKey, claims),
    forge: (claims: JWTPayload) => mint(other.privateKey, claims),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
