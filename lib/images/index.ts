export * from './schemas';
export { createUpload } from './create-upload';
export { processUpload, PROCESSING_LEASE_MS, type ProcessOutcome } from './process-upload';
export { handleUploadEvents } from './handle-upload-events';
export { listImages } from './list-images';
export { getImage } from './get-image';
export { deleteImage } from './delete-image';
export { getWatermarkSettings, updateWatermarkSettings } from './watermark-settings';
