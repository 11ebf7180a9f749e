/**
 * Optional (setting `lakeGlueTable`): a Glue database and table over the order lake, so Athena can query it
 * without a crawler. Partitions are not registered: partition projection derives them from the Firehose
 * prefix of `lakeDelivery` (each `name=!{timestamp:format}` part becomes a date-projected partition key).
 * The columns are the lake record of functions/order-lake/lake-record.ts (a test keeps them in step).
 */
import { Aws } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { LakeDeliveryDefinition } from '../../wiring/events';

/** Hive types of LakeOrderRecord, in its field order. */
export const LAKE_COLUMNS: readonly { readonly name: string; readonly type: string }[] = [
  { name: 'record_version', type: 'int' },
  { name: 'event_id', type: 'string' },
  { name: 'event_type', type: 'string' },
  { name: 'event_time', type: 'string' },
  { name: 'event_date', type: 'string' },
  { name: 'order_id', type: 'string' },
  { name: 'order_version', type: 'int' },
  { name: 'status', type: 'string' },
  { name: 'previous_status', type: 'string' },
  { name: 'customer_key', type: 'string' },
  { name: 'currency', type: 'string' },
  { name: 'item_count', type: 'int' },
  { name: 'line_count', type: 'int' },
  { name: 'subtotal_cents', type: 'bigint' },
  { name: 'shipping_cents', type: 'bigint' },
  { name: 'total_cents', type: 'bigint' },
  { name: 'prescription_line_count', type: 'int' },
  { name: 'ship_state', type: 'string' },
  { name: 'ship_postal_code', type: 'string' },
  { name: 'ship_country', type: 'string' },
  { name: 'order_created_at', type: 'string' },
  {
    name: 'lines',
    type:
      'array<struct<line_number:int,product_id:string,sku:string,product_name:string,quantity:int,' +
      'unit_price_cents:bigint,line_total_cents:bigint,prescription_required:boolean,category_id:string,category_name:string>>',
  },
];

export interface ProjectedPartition {
  readonly name: string;
  /** Java date format, e.g. yyyy-MM-dd. */
  readonly format: string;
}

/** `orders/dt=!{timestamp:yyyy-MM-dd}/` → [{ name: 'dt', format: 'yyyy-MM-dd' }] and the location template. */
export function projectedPartitions(prefix: string): { partitions: ProjectedPartition[]; locationTemplate: string } {
  const partitions: ProjectedPartition[] = [];
  const locationTemplate = prefix.replace(/([A-Za-z_][A-Za-z0-9_]*)=!\{timestamp:([^}]+)\}/g, (_m, name: string, format: string) => {
    partitions.push({ name, format });
    return `${name}=\${${name}}`;
  });
  if (partitions.length === 0 || locationTemplate.includes('!{')) {
    throw new Error(`Cannot derive partition projection from the lake prefix ${prefix}`);
  }
  return { partitions, locationTemplate };
}

export interface LakeCatalogProps {
  readonly bucket: s3.IBucket;
  readonly delivery: LakeDeliveryDefinition;
  readonly databaseName: string;
}

export class LakeCatalog extends Construct {
  readonly database: glue.CfnDatabase;
  readonly table: glue.CfnTable;

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    const { partitions, locationTemplate } = projectedPartitions(props.delivery.prefix);
    const location = `s3://${props.bucket.bucketName}/${locationTemplate.slice(0, locationTemplate.indexOf('${'))}`;

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: props.databaseName, description: 'FarmaCruz order lake (one row per order event)' },
    });

    const projection: Record<string, string> = { 'projection.enabled': 'true' };
    for (const p of partitions) {
      projection[`projection.${p.name}.type`] = 'date';
      projection[`projection.${p.name}.format`] = p.format;
      projection[`projection.${p.name}.range`] = 'NOW-5YEARS,NOW';
      projection[`projection.${p.name}.interval`] = '1';
      projection[`projection.${p.name}.interval.unit`] = p.format.includes('dd') ? 'DAYS' : p.format.includes('MM') ? 'MONTHS' : 'YEARS';
    }

    this.table = new glue.CfnTable(this, 'OrdersTable', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: props.databaseName,
      tableInput: {
        name: 'order_events',
        description: 'Order events as order-lake writes them; deduplicate on event_id (delivery is at least once)',
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          classification: 'json',
          compressionType: 'gzip',
          ...projection,
          'storage.location.template': `s3://${props.bucket.bucketName}/${locationTemplate}`,
        },
        partitionKeys: partitions.map((p) => ({ name: p.name, type: 'string' })),
        storageDescriptor: {
          location,
          columns: LAKE_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', parameters: { 'ignore.malformed.json': 'true' } },
        },
      },
    });
    this.table.addDependency(this.database);
  }
}
