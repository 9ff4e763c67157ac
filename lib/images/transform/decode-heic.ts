import createLibheif, { type HeifError, type HeifImageHandle, type Libheif } from 'libheif-js/libheif-wasm/libheif-bundle.js';

/*
 * HEIC is HEVC-coded pictures in a HEIF container, the format iPhones save photos in. sharp's prebuilt
 * libvips carries libheif with AV1 decoders only (HEVC decoders are patent-encumbered), so it reads a
 * HEIC's header but not its pixels ("bad seek"). libheif-js is libheif with libde265, the HEVC decoder,
 * compiled to WebAssembly, the module inlined in one JavaScript file: it needs no native binary per
 * platform and bundles like any other dependency.
 */

/** Upright pixels of a HEIC's primary image, 8 bits a channel, still in the file's colour space. */
export interface HeicPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** libheif refused the file: damaged, cut off, or built in a way it does not decode. The file's fault. */
export class HeicDecodeError extends Error {}

/**
 * WebAssembly memory only grows. Decoding a 12-MP photo takes the module to about 70 MB, which is
 * kept for the next one; past this, after a larger photo, the module is let go so that the garbage
 * collector takes its memory back, and the next HEIC pays for a fresh one (a few hundred ms).
 */
const KEEP_MODULE_BELOW_BYTES = 256 * 1024 * 1024;

let loaded: Libheif | undefined;

/**
 * Decodes the primary image of a HEIC: the one a phone shows, not a thumbnail or a depth map.
 * libheif applies the image's transforms (`irot` rotation, `imir` mirroring, `clap` crop) while it
 * decodes, which is how a phone stores a portrait photo; the EXIF orientation in a HEIC only
 * describes them (HEIF, ISO/IEC 23008-12) and must not be applied again. Synchronous: the decoder runs
 * on the calling thread. Throws HeicDecodeError when libheif refuses the file.
 */
export function decodeHeic(bytes: Uint8Array): HeicPixels {
  const libheif = (loaded ??= createLibheif());
  try {
    return decodePrimaryImage(libheif, bytes);
  } catch (error) {
    // A trap inside the module (out of memory, say) leaves it unusable.
    if (!(error instanceof HeicDecodeError)) loaded = undefined;
    throw error;
  } finally {
    if (loaded && loaded.HEAPU8.length > KEEP_MODULE_BELOW_BYTES) loaded = undefined;
  }
}

function decodePrimaryImage(libheif: Libheif, bytes: Uint8Array): HeicPixels {
  const context = libheif.heif_context_alloc();
  try {
    const read = libheif.heif_context_read_from_memory(context, bytes);
    if (read.code !== libheif.heif_error_code.heif_error_Ok) throw new HeicDecodeError(read.message);
    const handle = libheif.heif_js_context_get_primary_image_handle(context);
    if (isHeifError(handle)) throw new HeicDecodeError(handle.message);
    try {
      return decodeHandle(libheif, handle);
    } finally {
      libheif.heif_image_handle_release(handle);
    }
  } finally {
    libheif.heif_context_free(context);
  }
}

function decodeHandle(libheif: Libheif, handle: HeifImageHandle): HeicPixels {
  const channels = libheif.heif_image_handle_has_alpha_channel(handle) ? 4 : 3;
  const chroma = channels === 4 ? libheif.heif_chroma.heif_chroma_interleaved_RGBA : libheif.heif_chroma.heif_chroma_interleaved_RGB;
  const decoded = libheif.heif_js_decode_image2(handle, libheif.heif_colorspace.heif_colorspace_RGB, chroma);
  if (isHeifError(decoded)) throw new HeicDecodeError(decoded.message);
  try {
    const plane = decoded.channels.find((channel) => channel.id === libheif.heif_channel.heif_channel_interleaved);
    if (!plane) throw new HeicDecodeError('libheif returned no interleaved RGB plane.');
    const { width, height, stride } = plane;
    const row = width * channels;
    // The plane lives in the module's memory, rows padded to `stride`: copied out, unpadded, before it is released.
    const data = Buffer.allocUnsafe(row * height);
    for (let y = 0; y < height; y++) data.set(plane.data.subarray(y * stride, y * stride + row), y * row);
    return { data, width, height, channels };
  } finally {
    libheif.heif_image_release(decoded.image);
  }
}

function isHeifError(value: object): value is HeifError {
  return 'code' in value && 'message' in value;
}
