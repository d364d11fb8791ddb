// Response helpers shared by the org's routes: content types as Okta sends them, and error bodies that
// never echo internals.
import express from 'express';

export const ION = 'application/ion+json; okta-version=1.0.0';
export const IDX_ACCEPTS = 'application/json; okta-version=1.0.0';

/**
 * Sends an IDX body with Okta's Ion content type.
 * @param {import('express').Response} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendIon(res, status, body) {
  // A Buffer body keeps Express from appending a charset to Okta's exact content type.
  res.status(status).set('Content-Type', ION).set('Cache-Control', 'no-store').send(Buffer.from(JSON.stringify(body)));
}

/**
 * Sends a plain JSON body (OAuth endpoints, device API).
 * @param {import('express').Response} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendJson(res, status, body) {
  res.status(status).set('Content-Type', 'application/json; charset=utf-8').set('Cache-Control', 'no-store')
    .send(JSON.stringify(body));
}

/**
 * @param {string} message
 * @param {string} key
 * @param {'ERROR'|'INFO'} [cls]
 */
export function idxMessage(message, key, cls = 'ERROR') {
  return { message, i18n: { key, params: [] }, class: cls };
}

/** An IDX body that only carries messages, as Okta sends for terminal errors. */
export function idxErrorBody(messages, extra = {}) {
  return { version: '1.0.0', ...extra, messages: { type: 'array', value: messages } };
}

/** Body parsers for every JSON flavour okta-auth-js and browsers send, plus OAuth's form encoding. */
export function bodyParsers() {
  return [
    express.json({ type: ['application/json', 'application/ion+json', 'application/*+json'], limit: '64kb', strict: false }),
    express.urlencoded({ extended: false, limit: '64kb' }),
  ];
}

/** Wraps an async handler so a rejected promise reaches the error handler instead of crashing the process. */
export function handle(fn) {
  return (req, res, next) => {
    Promise.resolve(fn(req, res, next)).catch(next);
  };
}

/** True when the value is a plain JSON object (not null, not an array). */
export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
