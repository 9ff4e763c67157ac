/*
 * The part of libheif-js (libheif compiled to WebAssembly, with its HEVC decoder inlined) that
 * decode-heic.ts uses. The package ships no types for this entry point; these follow libheif's
 * Emscripten bindings (libheif/api/libheif/heif_emscripten.h) and its C API.
 */
declare module 'libheif-js/libheif-wasm/libheif-bundle.js' {
  /** An Embind enum value: one object per value, so compared by identity. */
  export interface HeifEnumValue {
    value: number;
  }

  /** What a call that failed returns in place of its result. */
  export interface HeifError {
    code: HeifEnumValue;
    subcode: HeifEnumValue;
    message: string;
  }

  /** Pointers into the module's memory, valid until released. */
  export interface HeifContext {
    readonly __brand: 'heif_context';
  }
  export interface HeifImageHandle {
    readonly __brand: 'heif_image_handle';
  }
  export interface HeifImage {
    readonly __brand: 'heif_image';
  }

  export interface HeifPlane {
    id: HeifEnumValue;
    width: number;
    height: number;
    stride: number;
    /** A view into the module's memory (stride × height bytes): copy it before the image is released. */
    data: Uint8Array;
  }

  export interface HeifDecodedImage {
    image: HeifImage;
    width: number;
    height: number;
    channels: HeifPlane[];
  }

  export interface Libheif {
    HEAPU8: Uint8Array;
    heif_get_version(): string;
    heif_error_code: { heif_error_Ok: HeifEnumValue };
    heif_colorspace: { heif_colorspace_RGB: HeifEnumValue };
    heif_chroma: { heif_chroma_interleaved_RGB: HeifEnumValue; heif_chroma_interleaved_RGBA: HeifEnumValue };
    heif_channel: { heif_channel_interleaved: HeifEnumValue };
    heif_context_alloc(): HeifContext;
    heif_context_free(context: HeifContext): void;
    heif_context_read_from_memory(context: HeifContext, data: Uint8Array): HeifError;
    heif_js_context_get_primary_image_handle(context: HeifContext): HeifImageHandle | HeifError;
    heif_image_handle_get_width(handle: HeifImageHandle): number;
    heif_image_handle_get_height(handle: HeifImageHandle): number;
    heif_image_handle_has_alpha_channel(handle: HeifImageHandle): number;
    /** Decodes with libheif's default options, which apply the image's `irot`, `imir` and `clap` transforms. */
    heif_js_decode_image2(handle: HeifImageHandle, colorspace: HeifEnumValue, chroma: HeifEnumValue): HeifDecodedImage | HeifError;
    heif_image_release(image: HeifImage): void;
    heif_image_handle_release(handle: HeifImageHandle): void;
  }

  /** Instantiates the module synchronously (the WebAssembly is inlined in the file). */
  export default function createLibheif(): Libheif;
}
