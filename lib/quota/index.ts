export { STORAGE_QUOTA } from './limits';
export { formatUsage, quotaRefusal } from './format-usage';
export { QuotaExceededError } from './quota-exceeded-error';
export { reserveQuota } from './reserve-quota';
export { releaseQuota, releaseReservation } from './release-quota';
export { getStorageUsage } from './get-storage-usage';
export { countEarlierPhotos } from './count-earlier-photos';
