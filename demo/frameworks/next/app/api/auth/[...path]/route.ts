// The backend contract the sign-in element talks to (<OktaSignin backend="/api/auth">), as a route handler.
import { auth } from '../../../../lib/auth';

export const runtime = 'nodejs';

export const GET = (request: Request) => auth().fetch(request);
export const POST = (request: Request) => auth().fetch(request);
