import express from 'express';

/** Who is signed in (`GET /me`) and signing out (`POST /logout`), for the page around the sign-in element. */
export function accountRoutes() {
  const router = express.Router();

  router.get('/me', (req, res) => {
    const user = req.session.user ?? null;
    res.json({ signedIn: Boolean(user), user });
  });

  router.post('/logout', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) {
        next(error);
        return;
      }
      res.clearCookie('okta_signin.sid', { path: '/' });
      res.json({ signedIn: false, user: null });
    });
  });

  return router;
}
