// Static files for the bench, served the same way for every variant: from memory, gzip-compressed (level 9, as a
// CDN would) when the browser accepts it, except formats that are compressed already (fonts, images).
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.ttf', '.eot']);

export const COMPRESSION = 'gzip -9 when the browser accepts it (fonts and images as they are); JSON from org and backend uncompressed';

/** One in-memory response: the body as is and, when worth it, gzip-compressed. */
export function staticBody(body, type) {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const gz = COMPRESSIBLE.has(type) ? gzipSync(buffer, { level: 9 }) : null;
  return { type: TYPES[type] ?? 'application/octet-stream', buffer, gz };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {ReturnType<typeof staticBody>} file
 */
export function sendStatic(req, res, file) {
  const gzip = file.gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip ? file.gz : file.buffer;
  res.statusCode = 200;
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', 'no-cache');
  if (file.gz) res.setHeader('Vary', 'Accept-Encoding');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Express-style middleware serving the files under `root` (read once, kept in memory). */
export function staticDir(root) {
  const base = resolve(root);
  const cache = new Map();
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path;
    try {
      path = resolve(base, `.${decodeURIComponent(new URL(req.url, 'http://x').pathname)}`);
    } catch {
      return next();
    }
    if (path !== base && !path.startsWith(base + sep)) return next();
    let file = cache.get(path);
    if (!file) {
      try {
        if (!statSync(path).isFile()) return next();
        file = staticBody(readFileSync(path), extname(path));
      } catch {
        return next();
      }
      cache.set(path, file);
    }
    sendStatic(req, res, file);
  };
}
