export * from './schemas';
export { loadFaceModel, type FaceModel, type FaceModelPaths } from './load-face-model';
export { prepareFacePhoto, MAX_FACE_PHOTO_SIDE, type PreparedFacePhoto } from './prepare-face-photo';
export { largestFace } from './largest-face';
export { describeFacesInProcess } from './describe-faces';
export { invokeDescribeFaces } from './invoke-describe-faces';
export { DescribeFacesEventSchema, DescribeFacesResultSchema, type DescribeFacesEvent, type DescribeFacesResult, type DescribedFace } from './describe-faces-event';
export { encodeDescriptor, decodeDescriptor } from './descriptors';
