'use strict';
// Signs a bearer token for the local services with the development key (see dev-keys.js).
const { DEV_AUDIENCE, DEV_ISSUER, readDevSigningKey } = require('./dev-keys');

/** `{ role, institutionCode?, sub, ttlSeconds }` → a signed JWT (EdDSA). */
async function mintDevToken(rootDir, { role, institutionCode, sub, ttlSeconds }) {
  const { SignJWT, importJWK } = require('jose');
  const jwk = readDevSigningKey(rootDir);
  const key = await importJWK(jwk, 'EdDSA');
  const claims = { roles: [role] };
  if (institutionCode) claims.institutionCode = institutionCode;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key);
}

module.exports = { mintDevToken };
