/**
 * The prerendered pages: a product page, a category page and the home page as complete HTML documents, in Spanish, with
 * the tags search engines and link previews read (title, description, canonical URL, robots, Open Graph,
 * Twitter card, schema.org JSON-LD) and the page's visible content.
 *
 * The visible content is the web app's own: the product page renders `ProductDetail` itself (with a urql
 * client that answers its queries from the product given here), and the category page the app's
 * `ProductCard`s in the catalog's layout (the home page likewise, with every category's products), so when the app takes over the shopper sees the same page.
 * All markup goes through React's server renderer, which escapes text and attributes; JSON-LD goes through
 * `jsonForScriptElement`.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Client, Provider, getOperationName, makeResult, type Exchange } from 'urql';
import { filter, map, pipe } from 'wonka';
import { formatMoney } from '../../model/money-format';
import type { ProductView } from '../../model/product-view';
import { categoryPath, productPath, shopUrlOf } from '../../model/shop-paths';
import { CartProvider } from '../../web/src/cart';
import { ProductCard } from '../../web/src/pages/ProductCard';
import { ProductDetail } from '../../web/src/pages/ProductDetail';
import { SearchBox } from '../../web/src/SearchBox';
import { availabilityOf, decimalPrice, jsonForScriptElement, productJsonLd } from './json-ld';
import { fillShell } from './shell';
import { DEFAULT_SOCIAL_IMAGE_PATH, HOME_PAGE_KEY, SHOP_NAME, categoryPageKey, type CatalogPageInput, type PageRenderers, type RenderedPage, type SiteOptions } from './page-types';

const DESCRIPTION_LENGTH = 160;

/** Shortens text to `length` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, length = DESCRIPTION_LENGTH): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= length) return clean;
  const cut = clean.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}…`;
}

/**
 * Absolute URL of the picture a link preview shows for a product: the largest size made from its photo
 * (WebP), else its own picture unless it is a drawing (link previews in chats and social networks do not
 * show SVG), else the shop's default.
 */
export function socialImageUrl(
  product: { readonly imageUrl?: string | null; readonly imageSizes?: readonly { readonly url: string; readonly width: number }[] } | null | undefined,
  shopUrl: string,
): string {
  const largest = [...(product?.imageSizes ?? [])].sort((a, b) => b.width - a.width)[0];
  const imageUrl = largest?.url ?? product?.imageUrl;
  const drawing = imageUrl ? /\.svg(?:$|[?#])/i.test(imageUrl) : false;
  if (imageUrl && !drawing && /^https?:\/\//i.test(imageUrl)) return imageUrl;
  if (imageUrl && !drawing && imageUrl.startsWith('/')) return shopUrlOf(shopUrl, imageUrl);
  return shopUrlOf(shopUrl, DEFAULT_SOCIAL_IMAGE_PATH);
}

const AVAILABILITY_TEXT = { InStock: 'Disponible', OutOfStock: 'Agotado', Discontinued: 'Producto no disponible' } as const;

/** What a search result or a chat preview shows under the title: price first, then the facts. */
export function productDescription(product: ProductView): string {
  const facts = [
    `${formatMoney(product.price.amountCents, product.price.currency)}`,
    product.lab,
    product.presentation,
    product.activeIngredients.length > 0 ? `Principio activo: ${product.activeIngredients.join(', ')}` : null,
    product.prescriptionRequired ? 'Requiere receta médica' : null,
    AVAILABILITY_TEXT[availabilityOf(product)],
  ].filter((part): part is string => Boolean(part));
  return shorten(`${facts.join(' · ')}. ${product.description ?? ''}`);
}

// --- The page frame: the web app's header (with its own search box) and footer as a signed-out visitor
// with an empty cart sees them (web/src/App.tsx), around the page's content.

function StaticFrame({ client, children }: { client: Client; children: ReactNode }) {
  return (
    <Provider value={client}>
      <a className="skip-link" href="#contenido">Saltar al contenido</a>
      <header className="top">
        <a href="/" className="brand" aria-label="FarmaCruz, inicio">Farma<span>Cruz</span></a>
        <SearchBox searched="" />
        <nav aria-label="Cuenta y carrito">
          <a href="/carrito" data-testid="cart-link">Carrito (0)</a>
          <a href="/entrar">Entrar</a>
          <a href="/registro">Crear cuenta</a>
        </nav>
      </header>
      <main className="page" id="contenido" tabIndex={-1}>{children}</main>
      <footer>
        FarmaCruz · Precios en pesos mexicanos con IVA incluido · Los medicamentos con receta se entregan contra receta médica. ·{' '}
        <a href="/aviso-de-privacidad">Aviso de privacidad</a>
      </footer>
    </Provider>
  );
}

interface HeadTags {
  readonly title: string;
  readonly description: string;
  readonly canonicalUrl: string;
  readonly imageUrl: string;
  readonly imageAlt: string;
  readonly index: boolean;
  readonly openGraphType: 'product' | 'website';
  readonly extra?: ReactNode;
  readonly jsonLd?: unknown;
}

function Head({ title, description, canonicalUrl, imageUrl, imageAlt, index, openGraphType, extra, jsonLd }: HeadTags) {
  return (
    <>
      <title>{title}</title>
      <meta name="description" content={description} data-prerendered-head="" />
      <meta name="robots" content={index ? 'index, follow' : 'noindex, follow'} data-prerendered-head="" />
      <link rel="canonical" href={canonicalUrl} data-prerendered-head="" />
      <meta property="og:type" content={openGraphType} data-prerendered-head="" />
      <meta property="og:site_name" content={SHOP_NAME} data-prerendered-head="" />
      <meta property="og:locale" content="es_MX" data-prerendered-head="" />
      <meta property="og:title" content={title} data-prerendered-head="" />
      <meta property="og:description" content={description} data-prerendered-head="" />
      <meta property="og:url" content={canonicalUrl} data-prerendered-head="" />
      <meta property="og:image" content={imageUrl} data-prerendered-head="" />
      <meta property="og:image:alt" content={imageAlt} data-prerendered-head="" />
      <meta name="twitter:card" content="summary_large_image" data-prerendered-head="" />
      <meta name="twitter:title" content={title} data-prerendered-head="" />
      <meta name="twitter:description" content={description} data-prerendered-head="" />
      <meta name="twitter:image" content={imageUrl} data-prerendered-head="" />
      <meta name="twitter:image:alt" content={imageAlt} data-prerendered-head="" />
      {extra}
      {jsonLd !== undefined && <script type="application/ld+json" data-prerendered-head="" dangerouslySetInnerHTML={{ __html: jsonForScriptElement(jsonLd) }} />}
    </>
  );
}

/** A urql client that answers the product page's queries from the product given (no network). */
function productPageClient(product: ProductView | null): Client {
  if (!product) return new Client({ url: 'about:blank', exchanges: [() => (operations$) => pipe(operations$, filter(() => false), map(() => { throw new Error('unreachable'); }))] });
  const typed = { __typename: 'Product', ...product, price: { __typename: 'Money', ...product.price } };
  const answer: Exchange = () => (operations$) =>
    pipe(
      operations$,
      filter((operation) => operation.kind === 'query'),
      map((operation) => {
        const name = getOperationName(operation.query);
        // The similar products come later from the API (the app adds them below the product).
        const data = name === 'ProductDetail' ? { product: typed } : { product: { __typename: 'Product', id: product.id, similar: [] } };
        return makeResult(operation, { data });
      }),
    );
  return new Client({ url: 'about:blank', exchanges: [answer] });
}

/**
 * A product's page. An inactive product keeps a page (shared links still explain it) that says
 * "Producto no disponible", is `noindex` and carries availability Discontinued; the sitemap leaves it out.
 */
export function renderProductPage(product: ProductView, options: SiteOptions): RenderedPage {
  const path = productPath(product);
  const canonicalUrl = shopUrlOf(options.shopUrl, path);
  const imageUrl = socialImageUrl(product, options.shopUrl);
  const description = productDescription(product);
  const title = `${product.name} · ${SHOP_NAME}`;
  const availability = availabilityOf(product);
  const head = renderToStaticMarkup(
    <Head
      title={title}
      description={description}
      canonicalUrl={canonicalUrl}
      imageUrl={imageUrl}
      imageAlt={product.name}
      index={product.active}
      openGraphType="product"
      jsonLd={productJsonLd({ product, url: canonicalUrl, imageUrl, description, shopName: SHOP_NAME, shopUrl: shopUrlOf(options.shopUrl, '/') })}
      extra={
        <>
          <meta property="product:price:amount" content={decimalPrice(product.price.amountCents)} data-prerendered-head="" />
          <meta property="product:price:currency" content={product.price.currency} data-prerendered-head="" />
          <meta property="product:availability" content={availability === 'InStock' ? 'in stock' : availability === 'OutOfStock' ? 'out of stock' : 'discontinued'} data-prerendered-head="" />
          <meta name="twitter:label1" content="Precio" data-prerendered-head="" />
          <meta name="twitter:data1" content={formatMoney(product.price.amountCents, product.price.currency)} data-prerendered-head="" />
        </>
      }
    />,
  );
  const body = renderToStaticMarkup(
    <StaticFrame client={productPageClient(product)}>
      <CartProvider>
        <ProductDetail id={product.id} />
      </CartProvider>
    </StaticFrame>,
  );
  return { key: path.slice(1), html: fillShell(options.shell, { head: `    ${head}`, body, kind: 'product' }) };
}

const HOME_TITLE = `Tu farmacia en línea · ${SHOP_NAME}`;
const HOME_DESCRIPTION = 'FarmaCruz: medicamentos y productos de farmacia con entrega a domicilio en México.';

/**
 * A page of the catalog in the layout of the web app's (web/src/pages/Catalog.tsx): a category's first
 * products, or, with `category` null, the home page (the whole catalog's first products, at `/`).
 */
export function renderCatalogPage(input: CatalogPageInput, options: SiteOptions): RenderedPage {
  const { category, categories, products, hasMore } = input;
  const path = category ? categoryPath(category.id) : '/';
  const canonicalUrl = shopUrlOf(options.shopUrl, path);
  const first = products[0];
  const names = products.slice(0, 4).map((p) => p.name).join(', ');
  const description = category
    ? shorten(
        products.length > 0
          ? `${category.name} en FarmaCruz: ${names}${hasMore || products.length > 4 ? ' y más' : ''}. Precios en pesos mexicanos con IVA incluido y entrega a domicilio.`
          : `${category.name} en FarmaCruz, tu farmacia en línea.`,
      )
    : HOME_DESCRIPTION;
  const shopHome = shopUrlOf(options.shopUrl, '/');
  const head = renderToStaticMarkup(
    <Head
      // The title the app sets for the page (usePageTitle), so it does not change when the app takes over.
      title={category ? `${category.name} · ${SHOP_NAME}` : HOME_TITLE}
      description={description}
      canonicalUrl={canonicalUrl}
      imageUrl={category ? socialImageUrl(first, options.shopUrl) : shopUrlOf(options.shopUrl, DEFAULT_SOCIAL_IMAGE_PATH)}
      imageAlt={category ? category.name : SHOP_NAME}
      index={category === null || products.length > 0}
      openGraphType="website"
      jsonLd={
        category
          ? {
              '@context': 'https://schema.org',
              '@type': 'CollectionPage',
              name: category.name,
              url: canonicalUrl,
              mainEntity: {
                '@type': 'ItemList',
                itemListElement: products.map((p, index) => ({ '@type': 'ListItem', position: index + 1, url: shopUrlOf(options.shopUrl, productPath(p)), name: p.name })),
              },
            }
          : {
              // The shop's search, as the app's search page takes it (/buscar?q=…).
              '@context': 'https://schema.org',
              '@type': 'WebSite',
              name: SHOP_NAME,
              url: shopHome,
              inLanguage: 'es-MX',
              potentialAction: { '@type': 'SearchAction', target: `${shopUrlOf(options.shopUrl, '/buscar')}?q={search_term_string}`, 'query-input': 'required name=search_term_string' },
            }
      }
    />,
  );
  const body = renderToStaticMarkup(
    <StaticFrame client={productPageClient(null)}>
      <div className="catalog">
        <nav className="categories" aria-label="Categorías">
          <h2>Categorías</h2>
          <ul>
            <li><a href="/" aria-current={category === null ? 'page' : undefined}>Todos los productos</a></li>
            {categories.map((c) => (
              <li key={c.id}>
                <a href={categoryPath(c.id)} aria-current={c.id === category?.id ? 'page' : undefined}>{c.name}</a>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-busy={false}>
          <div className="results-head">
            <h1>{category ? category.name : 'Todos los productos'}</h1>
          </div>
          {products.length === 0 && <p role="status">No hay productos en esta categoría por ahora.</p>}
          <ul className="grid">
            {products.map((p, index) => (
              <li key={p.id}><ProductCard product={p} eager={index < 4} /></li>
            ))}
          </ul>
          {hasMore && <button className="more">Ver más productos</button>}
        </section>
      </div>
    </StaticFrame>,
  );
  const key = category ? categoryPageKey(category.id) : HOME_PAGE_KEY;
  return { key, html: fillShell(options.shell, { head: `    ${head}`, body, kind: category ? 'category' : 'home' }) };
}

/** The renderers, as site.ts takes them (the Lambda entry imports them directly; Node tools load them). */
export const pageRenderers: PageRenderers = { renderProductPage, renderCatalogPage };
