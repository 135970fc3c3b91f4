/** Header that marks an inner request as operation N of a batch (set by the batch runner only). */
export const batchIndexHeader = 'x-graphd-batch-index';
