// A small OpenID Connect issuer on loopback, for the web desk's sign-in tests: discovery, JWKS, an authorize
// endpoint that signs in whoever the test says, and a token endpoint that returns an RS256 ID token.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIssuer {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The claims the next sign-in will carry (besides iss, aud, nonce, times). */
  signInAs(claims: Record<string, unknown>): void;
  /** Token requests seen, for checking PKCE and client authentication. */
  readonly tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export async function startFakeIssuer(): Promise<FakeIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'desk-client';
  const clientSecret = 'desk-client-secret';
  const codes = new Map<string, { nonce: string; challenge: string; claims: Record<string, unknown> }>();
  const tokenRequests: URLSearchParams[] = [];
  let claims: Record<string, unknown> = {};
  let url = '';

  const idToken = (c: Record<string, unknown>, nonce: string) => {
    const now = Math.floor(Date.now() / 1000);
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test-key' }));
    const body = b64url(JSON.stringify({ iss: url, aud: clientId, iat: now, exp: now + 300, nonce, sub: 'subject-1', ...c }));
    return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), privateKey))}`;
  };

  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', url);
    const json = (status: number, value: unknown) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (u.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: url, authorization_endpoint: `${url}/authorize`, token_endpoint: `${url}/token`, jwks_uri: `${url}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'], code_challenge_methods_supported: ['S256'],
      });
    }
    if (u.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (u.pathname === '/authorize') {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { nonce: u.searchParams.get('nonce') ?? '', challenge: u.searchParams.get('code_challenge') ?? '', claims });
      const back = new URL(u.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', u.searchParams.get('state') ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (u.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        tokenRequests.push(form);
        const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        const basic = auth === `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
        const posted = form.get('client_id') === clientId && form.get('client_secret') === clientSecret;
        if (!basic && !posted) return json(401, { error: 'invalid_client' });
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!grant || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) return json(400, { error: 'invalid_grant' });
        json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken(grant.claims, grant.nonce) });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, clientId, clientSecret, tokenRequests,
    signInAs: (c) => void (claims = c),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
