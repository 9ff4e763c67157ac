export * from './schemas';
export { createUpload } from './create-upload';
export { processUpload } from './process-upload';
export { processImageJob } from './process-image-job';
export { listImages } from './list-images';
export { getImage } from './get-image';
export { deleteImage } from './delete-image';
export { getWatermarkSettings, updateWatermarkSettings } from './watermark-settings';
