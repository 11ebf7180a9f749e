import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { MAX_QUANTITY, useCart } from '../cart';
import { ErrorText } from '../ErrorText';
import { formatMoney } from '../money';
import { usePageTitle } from '../page';
import { href } from '../router';
import { categoryPath } from '../../../model/shop-paths';
import { ProductCard } from './ProductCard';
import { ProductImage } from './ProductImage';
import { QuantityInput } from './QuantityInput';

const ProductQuery = graphql(`
  query ProductDetail($id: ID!) {
    product(id: $id) {
      id sku barcode name description activeIngredients lab presentation categoryId categoryName
      price { amountCents currency }
      stock prescriptionRequired imageUrl imageSizes { url width } active
    }
  }
`);

// Asked separately, so the product itself shows without waiting for its similar products.
const SimilarQuery = graphql(`
  query SimilarProducts($id: ID!) {
    product(id: $id) { id similar(limit: 8) { ...ProductCardFields } }
  }
`);

/** Rendered with `key={id}`: another product starts with its own quantity and no "Agregado" message. */
export function ProductDetail({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: ProductQuery, variables: { id } });
  const [{ data: similarData }] = useQuery({ query: SimilarQuery, variables: { id } });
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<number | null>(null);
  const product = data?.product;
  usePageTitle(product?.name ?? (error ? 'Producto no encontrado' : null));
  if (error) {
    return (
      <div>
        <h1>Producto no encontrado</h1>
        <p className="error" role="alert"><ErrorText error={error} context={{ action: 'No pudimos cargar el producto.' }} /></p>
        <p><a href={href('/')}>Ver todos los productos</a></p>
      </div>
    );
  }
  if (!product) return <p role="status" aria-busy={fetching}>Cargando producto…</p>;
  const inCart = cart.lines.find((l) => l.productId === product.id)?.quantity ?? 0;
  const maxToAdd = Math.max(0, Math.min(MAX_QUANTITY, product.stock) - inCart);
  const available = product.active && product.stock > 0;
  const similar = similarData?.product?.similar ?? [];
  const inStockSimilar = similar.filter((p) => p.stock > 0);
  return (
    <>
      <article className="product">
        <a href={href(categoryPath(product.categoryId))} className="muted">← {product.categoryName}</a>
        <div className="product-main">
          <ProductImage name={product.name} imageUrl={product.imageUrl} imageSizes={product.imageSizes} size="detail" eager />
          <div>
            <h1>{product.name}</h1>
            <p className="price big">{formatMoney(product.price)}</p>
            {product.prescriptionRequired && <p className="badge rx">Requiere receta médica: la pedimos al entregar</p>}
            {available ? (
              <div className="buy">
                {maxToAdd > 0 ? (
                  <>
                    <QuantityInput label="Cantidad" value={quantity} max={maxToAdd} onChange={setQuantity} />
                    <button
                      onClick={() => {
                        const amount = Math.min(quantity, maxToAdd);
                        cart.add({ productId: product.id, name: product.name, unitPriceCents: product.price.amountCents, currency: product.price.currency, prescriptionRequired: product.prescriptionRequired, stock: product.stock }, amount);
                        setAdded(amount);
                        setQuantity(1);
                      }}
                    >
                      Agregar al carrito
                    </button>
                  </>
                ) : (
                  <span>Ya tienes en tu carrito todas las piezas disponibles ({inCart}).</span>
                )}
                <span className="ok" role="status">
                  {added !== null && <>Agregado{added > 1 ? ` (${added})` : ''}. <a href={href('/carrito')}>Ver carrito</a></>}
                </span>
              </div>
            ) : (
              <p className="badge out">{product.active ? 'Agotado' : 'Producto no disponible'}</p>
            )}
            {available && product.stock <= 10 && <p className="muted">Solo quedan {product.stock} {product.stock === 1 ? 'pieza' : 'piezas'}.</p>}
          </div>
        </div>
        <dl className="facts">
          <dt>Principio activo</dt><dd>{product.activeIngredients.join(', ') || '—'}</dd>
          <dt>Laboratorio</dt><dd>{product.lab}</dd>
          <dt>Presentación</dt><dd>{product.presentation}</dd>
          <dt>Receta médica</dt><dd>{product.prescriptionRequired ? 'Sí, se solicita al entregar' : 'No'}</dd>
          <dt>SKU</dt><dd>{product.sku}</dd>
          {product.barcode && (<><dt>Código de barras</dt><dd>{product.barcode}</dd></>)}
          <dt>Disponibles</dt><dd>{product.active ? product.stock : 'Producto no disponible'}</dd>
        </dl>
        {product.description && <p>{product.description}</p>}
      </article>
      {!available && inStockSimilar.length > 0 && (
        <section className="similar" aria-labelledby="equivalentes">
          <h2 id="equivalentes">Disponibles en su lugar</h2>
          <p className="muted">Productos equivalentes con existencias. Consulta a tu médico o farmacéutico antes de cambiar un medicamento.</p>
          <ul className="grid">{inStockSimilar.map((p) => <li key={p.id}><ProductCard product={p} /></li>)}</ul>
        </section>
      )}
      {(available || inStockSimilar.length === 0) && similar.length > 0 && (
        <section className="similar" aria-labelledby="similares">
          <h2 id="similares">Genéricos y similares</h2>
          <ul className="grid">{similar.map((p) => <li key={p.id}><ProductCard product={p} /></li>)}</ul>
        </section>
      )}
    </>
  );
}
