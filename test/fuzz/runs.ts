/** fast-check runs per property: modest in `npm test`, raised with FUZZ_RUNS=10000 for a long hunt. */
export const runs = (modest: number): number => Number(process.env.FUZZ_RUNS ?? modest);
