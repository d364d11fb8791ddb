// The org's signing key, made at start: RS256 tokens and the JWKS that verifies them.
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { oktaId, opaque } from './ids.mjs';

export function createSigner() {
  // Synchronous so createOrg() can return a ready router.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = opaque(16);
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };

  return {
    jwks: () => ({ keys: [jwk] }),

    /**
     * @param {{ issuer: string, audience: string, clientId: string, user: import('./store.mjs').User,
     *   nonce?: string, scopes: string[], ttlSeconds?: number }} grant
     */
    async tokens({ issuer, audience, clientId, user, nonce, scopes, ttlSeconds = 3600 }) {
      const now = Math.floor(Date.now() / 1000);
      const sign = (claims, aud) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
          .setIssuer(issuer)
          .setAudience(aud)
          .setSubject(user.id)
          .setIssuedAt(now)
          .setExpirationTime(now + ttlSeconds)
          .setJti(oktaId('ID.'))
          .sign(privateKey);
      const name = `${user.firstName} ${user.lastName}`.trim() || user.username;
      const idClaims = {
        ver: 1,
        auth_time: now,
        amr: user.oktaVerify.enrolled ? ['pwd', 'mfa', 'okta_verify'] : ['pwd'],
        idp: oktaId('00o'),
        ...(nonce ? { nonce } : {}),
        // Always present: sites read the signed-in user from it whatever scopes they asked for.
        email: user.username,
        email_verified: true,
        ...(scopes.includes('profile') ? { name, preferred_username: user.username } : {}),
      };
      const accessClaims = { ver: 1, cid: clientId, uid: user.id, scp: scopes, ...(scopes.includes('email') ? { email: user.username } : {}) };
      const [idToken, accessToken] = await Promise.all([sign(idClaims, clientId), sign(accessClaims, audience)]);
      return { idToken, accessToken, expiresIn: ttlSeconds };
    },
  };
}
