/**
 * Query.shopSettings — how the shop takes payments now (`SHOP / SETTINGS`, written by updateShopSettings): the
 * checkout offers cash on delivery only while it is on. The defaults (model/payment-methods.ts) until staff
 * first change them.
 */
import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { SHOP_SETTINGS_KEY } from '../model/keys';
import { shopPaymentSettingsOf } from '../model/payment-methods';
import { failOnDataSourceError } from './support/data-source-error';

export function request() {
  return ddb.get({ key: SHOP_SETTINGS_KEY, consistentRead: true });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  const item = ctx.result as Record<string, unknown> | null;
  const settings = shopPaymentSettingsOf(item);
  return { cashOnDelivery: settings.cashOnDelivery, updatedAt: item && typeof item.updatedAt === 'string' ? item.updatedAt : null };
}
