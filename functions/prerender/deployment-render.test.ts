/**
 * The prerender Lambda as CloudFormation's custom resource (Custom::PrerenderedPages): a deployment's
 * Create/Update renders the whole site and only then answers at the ResponseURL (a real HTTP server here,
 * as S3's presigned URL would take it); a failure or a render that would outlast the Lambda answers FAILED
 * with the reason; Delete renders nothing.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from '../../model/product-view';
import { productPath } from '../../model/shop-paths';
import { memoryCatalogReader } from './catalog-reader';
import {
  ANSWER_RESERVE_MS,
  PRERENDERED_PAGES_RESOURCE_ID,
  handleDeploymentEvent,
  isDeploymentEvent,
  type DeploymentEvent,
  type DeploymentResponse,
} from './deployment-render';
import { renderWholeSite } from './site';
import type { SiteStore } from './site-store';

const shell = readFileSync(path.join(import.meta.dirname, '..', '..', 'web', 'index.html'), 'utf8');
const shopUrl = 'https://www.farmacruz.mx';
const categories = [
  { id: 'analgesicos', name: 'Analgésicos' },
  { id: 'bebes', name: 'Bebés' },
];

function product(i: number, overrides: Partial<ProductView> = {}): ProductView {
  return {
    id: `01JGYEDF1GP1ZH2AKM8TZ9W${String(i).padStart(3, '0')}`,
    sku: `ANA-${String(i).padStart(5, '0')}`,
    barcode: null,
    name: `Producto ${i}`,
    description: 'Analgésico.',
    activeIngredients: ['Ibuprofeno'],
    lab: 'Senosiain',
    presentation: 'Caja con 30 tabletas',
    categoryId: i % 2 === 0 ? 'analgesicos' : 'bebes',
    categoryName: i % 2 === 0 ? 'Analgésicos' : 'Bebés',
    price: { amountCents: 1000 + i, currency: 'MXN' },
    stock: 10,
    prescriptionRequired: false,
    imageUrl: null,
    imageSizes: [],
    maxPerOrder: null,
    active: true,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
    ...overrides,
  };
}

function memoryStore(files: [string, string][] = [['index.html', shell]]): SiteStore & { files: Map<string, string> } {
  const map = new Map(files);
  return {
    files: map,
    put: async (key, body) => void map.set(key, body),
    delete: async (key) => void map.delete(key),
    read: async (key) => map.get(key) ?? null,
  };
}

/** CloudFormation's side: the URL it waits at, and what arrived there. */
interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: DeploymentResponse;
}
let server: Server;
let baseUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: JSON.parse(body) as DeploymentResponse });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let requests = 0;
function cloudFormationEvent(requestType: DeploymentEvent['RequestType'], fingerprint = 'build-1'): DeploymentEvent {
  requests++;
  return {
    RequestType: requestType,
    ResponseURL: `${baseUrl}/cloudformation-response/${requests}?X-Amz-Signature=abc`,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/farmacruz/1',
    RequestId: `request-${requests}`,
    LogicalResourceId: 'PrerenderedPages',
    ResourceType: 'Custom::PrerenderedPages',
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: PRERENDERED_PAGES_RESOURCE_ID }),
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:prerender', RenderAll: 'true', WebAppFingerprint: fingerprint },
  };
}

const lastAnswer = () => received[received.length - 1]!;

describe('prerendered pages after a deployment (CloudFormation custom resource)', () => {
  it('tells a CloudFormation event from a stream batch and from a hand-made renderAll', () => {
    expect(isDeploymentEvent(cloudFormationEvent('Create'))).toBe(true);
    expect(isDeploymentEvent({ renderAll: true })).toBe(false);
    expect(isDeploymentEvent({ Records: [] })).toBe(false);
    expect(isDeploymentEvent(null)).toBe(false);
  });

  it('on Create renders every active product, every category, the sitemap and robots.txt, then answers SUCCESS with the counts', async () => {
    const products = Array.from({ length: 30 }, (_, i) => product(i, i === 7 ? { active: false } : {}));
    const store = memoryStore();
    const event = cloudFormationEvent('Create');
    const response = await handleDeploymentEvent(event, {
      renderAll: () => renderWholeSite({ shopUrl, store, catalog: memoryCatalogReader(products, categories) }),
      remainingMs: () => 900_000,
    });
    // Every page was in the bucket before CloudFormation heard of it.
    for (const p of products.filter((x) => x.active)) expect(store.files.has(productPath(p).slice(1)), p.name).toBe(true);
    expect(store.files.has(productPath(products[7]!).slice(1))).toBe(false);
    expect(store.files.has('categoria/analgesicos')).toBe(true);
    expect(store.files.has('categoria/bebes')).toBe(true);
    expect(store.files.get('sitemap.xml')).toContain(`${shopUrl}${productPath(products[29]!)}`);
    expect(store.files.has('robots.txt')).toBe(true);

    const answer = lastAnswer();
    expect(answer.method).toBe('PUT');
    expect(answer.path).toBe(new URL(event.ResponseURL).pathname + new URL(event.ResponseURL).search);
    expect(answer.headers['content-type']).toBe('');
    expect(answer.body).toEqual(response);
    expect(answer.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: PRERENDERED_PAGES_RESOURCE_ID,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: 'PrerenderedPages',
      Data: { ProductPages: '29', CategoryPages: '2', SitemapUrls: String(1 + 2 + 29) },
    });
  });

  it('on Update (a new web app build) renders the pages again into the new shell, keeping the resource id', async () => {
    const products = [product(1)];
    const store = memoryStore();
    const catalog = memoryCatalogReader(products, categories);
    await handleDeploymentEvent(cloudFormationEvent('Create'), { renderAll: () => renderWholeSite({ shopUrl, store, catalog }), remainingMs: () => 900_000 });
    const key = productPath(products[0]!).slice(1);
    expect(store.files.get(key)).not.toContain('/assets/index-NEWBUILD.js');
    // The bucket deployment put the new build's index.html (new hashed asset names) before the update.
    store.files.set('index.html', shell.replace('</head>', '<script type="module" crossorigin src="/assets/index-NEWBUILD.js"></script></head>'));
    const response = await handleDeploymentEvent(cloudFormationEvent('Update', 'build-2'), {
      renderAll: () => renderWholeSite({ shopUrl, store, catalog }),
      remainingMs: () => 900_000,
    });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PRERENDERED_PAGES_RESOURCE_ID });
    expect(store.files.get(key)).toContain('/assets/index-NEWBUILD.js');
    expect(store.files.get('categoria/bebes')).toContain('/assets/index-NEWBUILD.js');
  });

  it('answers FAILED with the reason when the render fails (no web app in the bucket)', async () => {
    const store = memoryStore([]);
    const response = await handleDeploymentEvent(cloudFormationEvent('Create'), {
      renderAll: () => renderWholeSite({ shopUrl, store, catalog: memoryCatalogReader([product(1)], categories) }),
      remainingMs: () => 900_000,
    });
    expect(response.Status).toBe('FAILED');
    expect(lastAnswer().body.Status).toBe('FAILED');
    expect(lastAnswer().body.Reason).toMatch(/^Prerendering the shop's pages failed: No index\.html in the web bucket/);
    expect(store.files.size).toBe(0);
  });

  it('answers FAILED before the Lambda would time out when the render is still running', async () => {
    let finish: () => void = () => undefined;
    const neverInTime = new Promise<never>((_, reject) => (finish = () => reject(new Error('stopped by the test'))));
    const response = await handleDeploymentEvent(cloudFormationEvent('Update', 'build-3'), {
      renderAll: () => neverInTime,
      // The Lambda has the reserve plus a moment left: the answer must go out within the reserve.
      remainingMs: () => ANSWER_RESERVE_MS + 50,
    });
    finish();
    await neverInTime.catch(() => undefined);
    expect(response.Status).toBe('FAILED');
    expect(lastAnswer().body.Reason).toContain("raise the prerender Lambda's timeout");
  });

  it('on Delete renders nothing and answers SUCCESS (the pages stay with the bucket)', async () => {
    let rendered = false;
    const response = await handleDeploymentEvent(cloudFormationEvent('Delete'), {
      renderAll: async () => {
        rendered = true;
        throw new Error('must not render');
      },
      remainingMs: () => 900_000,
    });
    expect(rendered).toBe(false);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PRERENDERED_PAGES_RESOURCE_ID });
    expect(lastAnswer().body.RequestId).toBe(response.RequestId);
  });
});
