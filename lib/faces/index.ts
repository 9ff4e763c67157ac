export * from './schemas';
export { loadFaceModel, type FaceModel, type FaceModelPaths } from './load-face-model';
export { prepareAnalysisInput, MAX_ANALYSIS_INPUT_SIDE, type PreparedAnalysisInput } from './prepare-analysis-input';
export { largestFace } from './largest-face';
export { describeFacesInProcess } from './describe-faces';
export { invokeDescribeFaces } from './invoke-describe-faces';
export { DescribeFacesEventSchema, DescribeFacesResultSchema, type DescribeFacesEvent, type DescribeFacesResult, type DescribedFace } from './describe-faces-event';
export { encodeDescriptor, decodeDescriptor } from './descriptors';
