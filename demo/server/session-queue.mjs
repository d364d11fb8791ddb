import { forgetFlow } from './settle.mjs';

/**
 * Runs one session's requests one after another, each on the session as the previous one saved it.
 * Without this, a poll still running on the server when the user takes another step would save its older copy
 * of the session last, and the flow state would go back in time.
 * @returns {import('express').RequestHandler}
 */
export function oneRequestPerSession() {
  /** @type {Map<string, Promise<void>>} */
  const tails = new Map();

  return (req, res, next) => {
    const id = req.sessionID;
    const previous = tails.get(id);
    let release;
    const mine = new Promise((resolve) => {
      release = resolve;
    });
    const tail = (previous ?? Promise.resolve()).then(() => mine);
    tails.set(id, tail);

    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      release();
      if (tails.get(id) === tail) tails.delete(id);
    };
    res.on('finish', done);
    res.on('close', done);

    if (!previous) {
      next();
      return;
    }
    previous.then(() => {
      if (res.writableEnded || res.destroyed) return;
      req.session.reload((error) => {
        // The session went away meanwhile (signed in under a new id, or signed out): nothing left to resume.
        if (error) {
          forgetFlow(req.session);
          delete req.session.user;
        }
        next();
      });
    });
  };
}
