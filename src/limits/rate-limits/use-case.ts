import type { RouteTarget } from '../../schema/types.js';

/** The business use cases graphd counts (Meta has more: ads_insights, pages, leadgen ...). */
export type UseCase = 'custom_audience' | 'ads_management';

/** AdAccount edges that belong to the custom_audience use case. */
const audienceEdges = new Set(['customaudiences', 'customaudiencestos', 'usersofanyaudience']);

/**
 * Which ad-account budget a call counts against: CustomAudience nodes and the ad account's
 * audience edges are custom_audience; any other call on an ad account (or a node that
 * belongs to one) is ads_management; the rest counts against no ad account.
 */
export function useCaseOf(target: RouteTarget): UseCase | undefined {
  if (target.adAccountId === undefined) return undefined;
  if (target.nodeType === 'CustomAudience') return 'custom_audience';
  if (target.nodeType === 'AdAccount' && target.edge !== undefined && audienceEdges.has(target.edge)) return 'custom_audience';
  return 'ads_management';
}
