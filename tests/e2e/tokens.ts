// Test tokens for the E2E specs: the checked-in fixtures, and SLAS tokens minted with chosen
// claims (the signature is not real; the inspector does not verify signatures).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').trim();
export const index = JSON.parse(readFileSync(join(FIXTURES, 'INDEX.json'), 'utf8'));
/** The instant the fixtures were minted for. */
export const NOW = index.reference_now as number;

export const b64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** A SLAS guest token for abcd_001 / RefArch with these scopes, and any claims overridden. */
export function slasToken(scp: string, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  const head = { kid: '5c0b2f7e-3d1a-4e8b-9f62-1a7c4d9e0b35', typ: 'jwt', clv: 'J2.3.4', alg: 'ES256', jku: 'slas/prod/abcd_001', ver: '1.0', ...header };
  const payload = {
    aut: 'GUID',
    scp,
    sub: 'cc-slas::abcd_001::scid:3ceaaf30-8142-48ea-91d9-3080f9b439fc::usid:6fced11d-2bd8-41e6-847a-8387cdde8d51',
    ctx: 'slas',
    iss: 'slas/prod/abcd_001',
    ist: 1,
    dnt: '0',
    aud: 'commercecloud/prod/abcd_001',
    nbf: NOW - 90,
    sty: 'User',
    isb: 'uido:slas::upn:Guest::uidn:Guest User::gcid:acTFoOxtzHq8STZHE6svi34zWH::chid:RefArch',
    exp: NOW + 1740,
    iat: NOW - 60,
    jti: 'C2C-4856123458012345678901234567890',
    ...claims,
  };
  return `${b64url(head)}.${b64url(payload)}.c2lnbmF0dXJlLW5vdC1yZWFs`;
}
