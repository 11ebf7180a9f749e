/**
 * sales-range resolver Lambda (Query.salesRange, staff only): every sales metric of any from–to range of
 * shop days, summed from the per-day items the hourly analytics job stores (analytics/sales-days.ts): reads
 * the pointer `ANALYTICS / DAYS`, then that generation's day items of the range (paged), and sums them. The
 * page never waits on the lake engine; a year of days is a few hundred small items.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { isIsoDate } from '../../analytics/periods';
import {
  ANALYTICS_DAYS_PK,
  rangePlan,
  salesDayRange,
  salesMonthRange,
  salesDaysIndexKey,
  salesOverRange,
  type SalesDayItem,
  type SalesDaysIndexItem,
  type SalesRangeFigures,
} from '../../analytics/sales-days';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { ResolverError, requireGroup, resolverHandler, type ResolverHandler } from '../shared/resolver-event';

export interface SalesRangeArguments {
  readonly from: string;
  readonly to: string;
}

export interface SalesRangeDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
}

export function createSalesRangeHandler({ settings, clients }: SalesRangeDeps): ResolverHandler<SalesRangeArguments, SalesRangeFigures | null> {
  const { documentClient } = clients;
  return resolverHandler(async (event) => {
    requireGroup(event, 'admin');
    const { from, to } = event.arguments;
    if (!isIsoDate(from) || !isIsoDate(to)) throw new ResolverError('ValidationError', 'from and to are dates, YYYY-MM-DD');
    if (from > to) throw new ResolverError('ValidationError', 'from is after to', { field: 'from' });
    const index = (await documentClient.send(new GetCommand({ TableName: settings.tableName, Key: salesDaysIndexKey() }))).Item as SalesDaysIndexItem | undefined;
    // Before the job's first run there are no figures (as Query.salesAnalytics answers null).
    if (!index) return null;
    if (from < index.from || to > index.to) {
      throw new ResolverError('ValidationError', `The figures cover ${index.from} to ${index.to}`, { field: from < index.from ? 'from' : 'to', from: index.from, to: index.to });
    }
    const query = async (bounds: { from: string; to: string }): Promise<SalesDayItem[]> => {
      const items: SalesDayItem[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new QueryCommand({
            TableName: settings.tableName,
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': ANALYTICS_DAYS_PK, ':from': bounds.from, ':to': bounds.to },
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        items.push(...((page.Items ?? []) as SalesDayItem[]));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    };
    // Whole months from the month items, the days at the range's ends from the day items.
    const plan = rangePlan(await query(salesMonthRange(index.generation, from.slice(0, 7), to.slice(0, 7))), from, to);
    const days = await Promise.all(plan.dayRanges.map(([first, last]) => query(salesDayRange(index.generation, first, last))));
    return salesOverRange([...plan.months, ...days.flat()], from, to, index.top);
  });
}

let deployed: ResolverHandler<SalesRangeArguments, SalesRangeFigures | null> | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: ResolverHandler<SalesRangeArguments, SalesRangeFigures | null> = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('sales-range');
    return createSalesRangeHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
