/**
 * `npm run prerender`: renders every prerendered page now (products, categories, sitemap, robots.txt), the
 * full render the prerender Lambda otherwise keeps current change by change.
 *
 *   npm run prerender                      # the running local stack (npm start): into .data/web/
 *   npm run prerender -- --bucket <WebBucketName> --table <TableName> --shop-url https://www.example.mx
 *                                          # a deployed stack (AWS credentials from the environment),
 *                                          # e.g. after the first deployment of the web app
 */
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadLocalStackSettings } from '../config/settings';
import { dynamoCatalogReader } from '../functions/prerender/catalog-reader';
import { renderWholeSite, type SiteRenderOptions } from '../functions/prerender/site';
import { folderSiteStore, s3SiteStore } from '../functions/prerender/site-store';
import { localWebBucketDir } from '../local/prerendered-site';
import { localWebUrl } from '../local/web';
import { connectLocalTable } from './local-table';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const bucket = flag('bucket');
const started = performance.now();
let close = () => undefined as void;
let options: SiteRenderOptions;
if (bucket) {
  const tableName = flag('table');
  const shopUrl = flag('shop-url');
  if (!tableName || !shopUrl) throw new Error('With --bucket, give --table <TableName> and --shop-url <https://…> too (the stack outputs)');
  const dynamodb = new DynamoDBClient({});
  const s3 = new S3Client({});
  close = () => {
    dynamodb.destroy();
    s3.destroy();
  };
  options = { shopUrl, store: s3SiteStore(s3, bucket), catalog: dynamoCatalogReader(DynamoDBDocumentClient.from(dynamodb), tableName) };
} else {
  const settings = loadLocalStackSettings();
  const table = await connectLocalTable();
  close = () => table.close();
  options = { shopUrl: localWebUrl(settings), store: folderSiteStore(localWebBucketDir(settings.dataDir)), catalog: dynamoCatalogReader(table.documentClient, table.tableName) };
}
try {
  const report = await renderWholeSite(options);
  console.log(
    `Rendered ${report.productPages.toLocaleString('en-US')} product pages, ${report.categoryPages} category pages and the home page, a sitemap of ` +
      `${report.sitemapUrls?.toLocaleString('en-US')} URLs and robots.txt (${(report.bytesWritten / 1024 / 1024).toFixed(1)} MiB) into ` +
      `${bucket ? `s3://${bucket}` : localWebBucketDir(loadLocalStackSettings().dataDir)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  close();
}
