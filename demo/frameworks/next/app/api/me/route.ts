// An API of the app, for signed-in users only: withSession answers 401 to anyone else.
import { auth } from '../../../lib/auth';

export const runtime = 'nodejs';

export function GET(request: Request) {
  return auth().withSession((_request, session) =>
    // What the server may do with the access token (call an API); the browser sees only when it expires.
    Response.json({ user: session.user, accessTokenExpiresAt: session.tokens?.expiresAt ?? null }),
  )(request);
}
