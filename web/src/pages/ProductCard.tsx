import { graphql } from '../gql';
import type { ProductCardFieldsFragment } from '../gql/graphql';
import { formatMoney } from '../money';

export const ProductCardFields = graphql(`
  fragment ProductCardFields on Product {
    id
    name
    lab
    presentation
    price { amountCents currency }
    stock
    prescriptionRequired
    imageUrl
  }
`);

export function ProductCard({ product }: { product: ProductCardFieldsFragment }) {
  return (
    <a className="card" href={`#/producto/${product.id}`} data-testid="product-card">
      <div className="thumb" aria-hidden="true">{product.name.slice(0, 1)}</div>
      <strong className="name">{product.name}</strong>
      <span className="muted">{product.lab} · {product.presentation}</span>
      <span className="price">{formatMoney(product.price)}</span>
      <span className="badges">
        {product.prescriptionRequired && <span className="badge rx">Requiere receta</span>}
        {product.stock === 0 && <span className="badge out">Agotado</span>}
      </span>
    </a>
  );
}
