// Only inline raster images: nothing the server sends as a QR code can make the page fetch or run anything.
const INLINE_IMAGE = /^data:image\/(png|gif|jpeg);base64,[a-z0-9+/=\s]+$/i;

export const isInlineImage = (url: string): boolean => INLINE_IMAGE.test(url);
