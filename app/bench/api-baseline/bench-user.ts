/** The one account the API benchmark's baseline reads for; bench/api.bench.ts uploads its photo as this user. */
export const BENCH_API_USER_ID = 'usr_benchapi';
