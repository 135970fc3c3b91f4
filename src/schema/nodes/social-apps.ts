import { graphDate } from '../../graph/json.js';
import { isPersonInApp } from '../../social/access.js';
import type { AppRequestRow, PaymentSubscriptionRow } from '../../store/social-types.js';
import type { Context, FieldDef, TypeDef } from '../types.js';
import { userNodeOf, type UserNode } from './user-node.js';

/*
 * What an app holds about a person: the requests sent to them in the app (AppRequest), the
 * requests they sent that are gone (AppRequestFormerRecipient) and their payment
 * subscriptions (PaymentSubscription). Fields as Meta's codegen specs name them
 * (facebook-business-sdk-codegen api_specs/specs/<Type>.json; none is in ../shared/specs).
 * Only the person in that app, or the app's own token, reads them.
 */

const field = <N>(type: string, description: string, resolve?: FieldDef<N>['resolve']): FieldDef<N> => ({ type, description, ...(resolve && { resolve }) });
const time = <N>(description: string, pick: (node: N) => number): FieldDef<N> => ({ type: 'datetime', description, resolve: (node) => graphDate(pick(node)) });

/** The person as a User of the viewer's app (their ASID), for fields typed User. */
export async function userNodeFor(personId: string, ctx: Context): Promise<UserNode | undefined> {
  const app = ctx.viewer.app;
  if (!app) return undefined;
  return userNodeOf(await ctx.store.apps.scopedUser(app.id, personId), ctx);
}

export const appRequestType: TypeDef<AppRequestRow> = {
  name: 'AppRequest',
  description: 'A game request: sent to a person in an app, by the app or by another person.',
  defaultFields: ['application', 'created_time', 'from', 'message', 'to', 'id'],
  async load(id, ctx) {
    const request = await ctx.store.social.getAppRequest(id);
    if (!request) return undefined;
    const parties = [request.recipient_person_id, ...(request.sender_person_id ? [request.sender_person_id] : [])];
    return parties.some((personId) => isPersonInApp(ctx.viewer, personId, request.app_id)) ? request : undefined;
  },
  fields: {
    id: field('string', 'The request ID'),
    action_type: field('string', 'The type of the request: SEND, ASKFOR or TURN'),
    application: field('Application', 'The app the request was sent in', (request, ctx) => ctx.store.apps.get(request.app_id)),
    created_time: time('Timestamp when the request was created', (request) => request.created_time),
    data: field('string', 'Additional free-form data associated with the request'),
    from: field('User', 'The person who sent the request (absent for app-to-user requests)', (request, ctx) =>
      request.sender_person_id ? userNodeFor(request.sender_person_id, ctx) : undefined,
    ),
    message: field('string', 'A string describing the request'),
    to: field('User', 'The person the request was sent to', (request, ctx) => userNodeFor(request.recipient_person_id, ctx)),
  },
};

/** A request the person sent whose recipient answered or dismissed it. */
export interface FormerRecipient {
  id: string;
  recipient_id: string;
}

export const appRequestFormerRecipientType: TypeDef<FormerRecipient> = {
  name: 'AppRequestFormerRecipient',
  description: 'The recipient of a request the person sent, once the request is gone.',
  defaultFields: ['id', 'recipient_id'],
  fields: {
    id: field('string', 'The request ID'),
    recipient_id: field('string', "The recipient's id in the app"),
  },
};

export const paymentSubscriptionType: TypeDef<PaymentSubscriptionRow> = {
  name: 'PaymentSubscription',
  description: "A person's subscription to an app's product, billed every period.",
  defaultFields: ['product', 'status', 'amount', 'currency', 'id'],
  async load(id, ctx) {
    const subscription = await ctx.store.social.getPaymentSubscription(id);
    return subscription && isPersonInApp(ctx.viewer, subscription.person_id, subscription.app_id) ? subscription : undefined;
  },
  fields: {
    id: field('string', 'The subscription ID'),
    amount: field('string', 'The amount charged every billing period'),
    application: field('Application', 'The app the subscription is for', (subscription, ctx) => ctx.store.apps.get(subscription.app_id)),
    billing_period: field('string', 'How often the subscription is billed: DAY, WEEK, MONTH or YEAR'),
    created_time: time('When the subscription was created', (subscription) => subscription.created_time),
    currency: field('string', 'The currency of the amount'),
    next_bill_time: time('When the next bill is due', (subscription) => subscription.next_bill_time),
    next_period_amount: field('string', 'The amount of the next billing period', (subscription) => subscription.amount),
    next_period_currency: field('string', 'The currency of the next billing period', (subscription) => subscription.currency),
    next_period_product: field('string', 'The product of the next billing period', (subscription) => subscription.product),
    payment_status: field('string', 'The status of the last payment: paid or failed', (subscription) => (subscription.status === 'active' ? 'paid' : undefined)),
    pending_cancel: field('bool', 'Whether the subscription ends at the end of the period'),
    period_start_time: time('When the current billing period started', (subscription) => subscription.period_start_time),
    product: field('string', "The product's Open Graph URL"),
    status: field('string', 'The status of the subscription: active, canceled or pending'),
    test: field('unsigned int', 'Whether the subscription was made with a test payment (1) or not (0)', (subscription) => (subscription.test ? 1 : 0)),
    updated_time: time('When the subscription was last updated', (subscription) => subscription.updated_time),
    user: field('User', 'The subscriber', (subscription, ctx) => userNodeFor(subscription.person_id, ctx)),
  },
};

export const socialAppTypes: TypeDef[] = [appRequestType, appRequestFormerRecipientType, paymentSubscriptionType];
