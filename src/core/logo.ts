import { isInlineImage } from './inline-image.js';

/**
 * Whether an `<img>` may show `url` as an identity provider's logo: an inline raster image, or one fetched over https
 * from a plain host (no user or password, nothing a parser would read two ways). Any other address is left out.
 */
export const isLogoUrl = (url: unknown): url is string =>
  typeof url === 'string' && url.length <= 100_000 && (isInlineImage(url) || /^https:\/\/[a-z0-9.-]+(:\d+)?\/[^\s\\]*$/i.test(url));
