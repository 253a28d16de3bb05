// A real, independent OpenID provider for the interop tests: npm `oidc-provider` 8.8.1 on 127.0.0.1.
//
//   node e2e/interop/provider.mjs --port 3000 --app-origin http://127.0.0.1:8080 \
//     [--resource urn:digibank:api] [--audience digibank-api] [--access-token-ttl 300]
//
// One public client `digibank-spa` (code + PKCE S256 required, refresh tokens rotated on every use), JWT access
// tokens (RS256) for the API resource indicator, the built-in development login form (any login, any password),
// CORS for the app origin only. Prints "oidc-provider listening on <issuer>" once it accepts connections, then
// "grant <grant_type>" for every token issued at the token endpoint.
// For tests only: the signing key and cookie keys are generated at start and everything lives in memory.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'app-origin': { type: 'string' },
    resource: { type: 'string', default: 'urn:digibank:api' },
    audience: { type: 'string', default: 'digibank-api' },
    'access-token-ttl': { type: 'string', default: '300' },
  },
});

const port = Number(args.port);
const appOrigin = (args['app-origin'] ?? '').replace(/\/$/, '');
const accessTokenTtl = Number(args['access-token-ttl']);
if (!Number.isInteger(port) || port <= 0 || !appOrigin.startsWith('http') || !(accessTokenTtl > 0)) {
  console.error('usage: provider.mjs --port PORT --app-origin URL [--resource URI] [--audience AUD] [--access-token-ttl SECONDS]');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: 'interop-rs256',
  alg: 'RS256',
  use: 'sig',
};

/** Demo customers of the mock bank: the login becomes the `sub` the bank maps to accounts. */
const NAMES = { alice: 'Alice Johnson', bob: 'Bob Smith' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'digibank-spa',
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    redirect_uris: [`${appOrigin}/callback`],
    post_logout_redirect_uris: [`${appOrigin}/`],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email', 'email_verified'],
  },
  // The SPA reads the user from the ID token (it calls userinfo only in cookie mode).
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          name: NAMES[id] ?? id,
          preferred_username: id,
          email: `${id}@example.test`,
          email_verified: true,
        };
      },
    };
  },
  pkce: { methods: ['S256'], required: () => true },
  rotateRefreshToken: true,
  // oidc-provider drops `offline_access` unless the request says prompt=consent, which the SPA does not send on a
  // normal sign-in; a public client allowed the refresh_token grant gets one anyway.
  async issueRefreshToken(ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  clientBasedCORS(ctx, origin) {
    return origin === appOrigin;
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html><head><title>Sign out</title></head><body><h1>Sign out?</h1>${form}
          <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></body></html>`;
      },
    },
    resourceIndicators: {
      enabled: true,
      async defaultResource() {
        return args.resource;
      },
      async useGrantedResource() {
        return true;
      },
      async getResourceServerInfo(ctx, resourceIndicator) {
        if (resourceIndicator !== args.resource) {
          throw new Provider.errors.InvalidTarget();
        }
        return {
          scope: 'api',
          audience: args.audience,
          accessTokenTTL: accessTokenTtl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
});

provider.on('server_error', (ctx, error) => console.error('oidc-provider server_error:', error));
// One stdout line per successful token request, so a test can see renewals happen (e.g. "grant refresh_token").
provider.on('grant.success', (ctx) => console.log(`grant ${ctx.oidc.params.grant_type}`));
provider.on('grant.error', (ctx, error) => console.error(`oidc-provider grant.error: ${error.message} (${error.error_description ?? ''})`));

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
server.on('error', (error) => {
  console.error(`oidc-provider cannot listen on ${issuer}: ${error.message}`);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
