/** setProductActive, step 1: the stored product (strongly consistent); NotFound for an unknown id. */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { productKey } from '../../model/keys';
import { failOnDataSourceError } from '../support/data-source-error';

export function request(ctx: Context<{ id: string }>) {
  return ddb.get({ key: productKey(ctx.args.id), consistentRead: true });
}

export function response(ctx: Context<{ id: string }>) {
  failOnDataSourceError(ctx.error);
  if (!ctx.result) {
    util.error(`Product ${ctx.args.id} not found.`, 'NotFound', null, { id: ctx.args.id });
  }
  return ctx.result;
}
