import { isPersonInApp } from '../../social/access.js';
import type { AppRequestRow, PaymentSubscriptionRow } from '../../store/social-types.js';
import type { TypeDef } from '../types.js';
import { field, loadVisible, time, userField } from './social-fields.js';

/*
 * What an app holds about a person: the requests sent to them in the app (AppRequest), the
 * requests they sent that are gone (AppRequestFormerRecipient) and their payment
 * subscriptions (PaymentSubscription). Fields as Meta's codegen specs name them
 * (facebook-business-sdk-codegen api_specs/specs/<Type>.json; none is in ../shared/specs).
 * Only the person in that app, or the app's own token, reads them.
 */

export const appRequestType: TypeDef<AppRequestRow> = {
  name: 'AppRequest',
  description: 'A game request: sent to a person in an app, by the app or by another person.',
  defaultFields: ['application', 'created_time', 'from', 'message', 'to', 'id'],
  load: loadVisible(
    (id, ctx) => ctx.store.social.getAppRequest(id),
    (request, ctx) => [request.recipient_person_id, ...(request.sender_person_id ? [request.sender_person_id] : [])].some((personId) => isPersonInApp(ctx.viewer, personId, request.app_id)),
  ),
  fields: {
    id: field('string', 'The request ID'),
    action_type: field('string', 'The type of the request: SEND, ASKFOR or TURN'),
    application: field('Application', 'The app the request was sent in', (request, ctx) => ctx.store.apps.get(request.app_id)),
    created_time: time('Timestamp when the request was created', (request) => request.created_time),
    data: field('string', 'Additional free-form data associated with the request'),
    from: userField('The person who sent the request (absent for app-to-user requests)', (request) => request.sender_person_id),
    message: field('string', 'A string describing the request'),
    to: userField('The person the request was sent to', (request) => request.recipient_person_id),
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
  load: loadVisible(
    (id, ctx) => ctx.store.social.getPaymentSubscription(id),
    (subscription, ctx) => isPersonInApp(ctx.viewer, subscription.person_id, subscription.app_id),
  ),
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
    user: userField('The subscriber', (subscription) => subscription.person_id),
  },
};

export const socialAppTypes: TypeDef[] = [appRequestType, appRequestFormerRecipientType, paymentSubscriptionType];
