/**
 * Mutation.updateShopSettings — staff: the shop's payment settings (cash on delivery on or off), one PutItem of
 * `SHOP / SETTINGS` with who changed it and when. createOrder reads the same item when a shopper chooses a
 * method that needs a setting. ValidationError (field input.cashOnDelivery) when it is not a boolean.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { SHOP_SETTINGS_KEY } from '../model/keys';
import type { CallerIdentity } from '../model/order-access';
import { actorEmailOf } from '../model/order-status-details';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  input: { cashOnDelivery: boolean };
}

export function request(ctx: Context<Args>) {
  const input = ctx.args.input;
  if (!input || typeof input.cashOnDelivery !== 'boolean') {
    util.error('input.cashOnDelivery must be true or false.', 'ValidationError', null, { field: 'input.cashOnDelivery' });
  }
  const identity = ctx.identity as CallerIdentity;
  const byEmail = actorEmailOf(identity);
  const item: Record<string, unknown> = {
    type: 'ShopSettings',
    cashOnDelivery: input.cashOnDelivery,
    updatedAt: util.time.nowISO8601(),
    updatedBy: identity.username,
  };
  if (byEmail) item.updatedByEmail = byEmail;
  return ddb.put({ key: SHOP_SETTINGS_KEY, item });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  const item = ctx.result as { cashOnDelivery: boolean; updatedAt: string };
  return { cashOnDelivery: item.cashOnDelivery === true, updatedAt: item.updatedAt };
}
