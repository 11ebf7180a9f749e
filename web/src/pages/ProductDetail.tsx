import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useCart, MAX_QUANTITY } from '../cart';
import { formatMoney } from '../money';

const ProductQuery = graphql(`
  query ProductDetail($id: ID!) {
    product(id: $id) {
      id sku barcode name description activeIngredients lab presentation categoryId categoryName
      price { amountCents currency }
      stock prescriptionRequired imageUrl active
    }
  }
`);

export function ProductDetail({ id }: { id: string }) {
  const [{ data, error }] = useQuery({ query: ProductQuery, variables: { id } });
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  if (error) return <p className="error">{error.graphQLErrors[0]?.message ?? error.message}</p>;
  const product = data?.product;
  if (!product) return <p>Cargando…</p>;
  const available = product.active && product.stock > 0;
  return (
    <article className="product">
      <a href={`#/categoria/${encodeURIComponent(product.categoryId)}`} className="muted">← {product.categoryName}</a>
      <h1>{product.name}</h1>
      <p className="price big">{formatMoney(product.price)}</p>
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
      {available ? (
        <div className="buy">
          <label>
            Cantidad{' '}
            <input type="number" min={1} max={Math.min(MAX_QUANTITY, product.stock)} value={quantity}
              onChange={(e) => setQuantity(Math.max(1, Math.min(MAX_QUANTITY, Number(e.target.value) || 1)))} />
          </label>
          <button
            onClick={() => {
              cart.add({ productId: product.id, name: product.name, unitPriceCents: product.price.amountCents, currency: product.price.currency, prescriptionRequired: product.prescriptionRequired }, quantity);
              setAdded(true);
            }}
          >
            Agregar al carrito
          </button>
          {added && <span className="ok" role="status">Agregado. <a href="#/carrito">Ver carrito</a></span>}
        </div>
      ) : (
        <p className="badge out">Agotado</p>
      )}
    </article>
  );
}
