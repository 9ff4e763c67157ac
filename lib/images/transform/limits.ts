/**
 * Every limit and size the image pipeline applies, in one place. The upload form, the S3 handler
 * and the command line all read these, so a file refused in one place is refused everywhere.
 */

/**
 * Largest original we accept. A 50-megapixel phone JPEG or a 24-megapixel camera JPEG at high
 * quality stays under 20 MB; past 25 MB the file is almost always a scan, a RAW-ish TIFF or a
 * mistake, and reading it into Lambda memory would crowd out the decode.
 */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * Largest image, in pixels, that we decode (width × height, summed over all frames of an
 * animation). 50 MP covers every current phone's full-resolution mode (48–50 MP sensors) while
 * keeping a worst-case decode, at 4 bytes a pixel, near 200 MB. sharp's own default (268 MP, about
 * 1 GB decoded) would let one upload exhaust a small Lambda. Checked against the file's header,
 * before any pixel is decoded, so a header claiming 64250 × 64250 costs nothing.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Most frames an animation may have. Frames are counted from the header; each one is resized and
 * encoded twice, so a file of a million 1-px frames (15 MB, within every other limit) would cost
 * minutes. 500 frames is 20 seconds at 25 fps, longer than any GIF people share.
 */
export const MAX_ANIMATION_FRAMES = 500;

/**
 * Longest one decode, resize or encode may run. A photo takes well under a second per step; a file
 * built to be slow is stopped here and refused, so the longest chain of steps (decode, resize,
 * watermark, encode) stays under the function's 60-second timeout and the owner gets a reason
 * instead of a timeout.
 */
export const STEP_TIMEOUT_SECONDS = 12;

/** Long-side sizes of the derived images: grid thumbnail, card, detail view, full-screen download. */
export const VARIANT_SIZES = [256, 640, 1280, 2048] as const;
export type VariantSize = (typeof VARIANT_SIZES)[number];

/**
 * Animations stop at 640 px: an animated WebP is encoded frame by frame, so a 2048-px version of a
 * 50-frame GIF would take seconds for a size no GIF on the web needs.
 */
export const ANIMATED_VARIANT_SIZES = [256, 640] as const satisfies readonly VariantSize[];

/**
 * The sizes shown to people other than the owner (the share page and its preview card). Only these
 * get a watermarked copy; the owner's own views and the original stay clean.
 */
export const PUBLIC_VARIANT_SIZES = [640, 1280] as const satisfies readonly VariantSize[];

/** WebP at 80 is visually lossless for photos at these sizes; effort 4 (the default) is the speed knee. */
export const WEBP_QUALITY = 80;
export const WEBP_EFFORT = 4;

/** The JPEG fallback is for old clients and link previews, so it trades a little size for speed. */
export const JPEG_QUALITY = 80;

/** Behind transparent pixels, the JPEG fallback (which has no alpha) shows white, like a page. */
export const JPEG_BACKGROUND = '#ffffff';

/**
 * sharp's failure level for untrusted input. 'error' refuses truncated and broken pixel data,
 * while still accepting the harmless warnings that many real phone JPEGs carry.
 */
export const DECODE_FAIL_ON = 'error' as const;
