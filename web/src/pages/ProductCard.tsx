import { graphql } from '../gql';
import type { ProductCardFieldsFragment } from '../gql/graphql';
import { formatMoney } from '../money';
import { href } from '../router';
import { productPath } from '../../../model/shop-paths';
import { ProductImage } from './ProductImage';

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
    imageSizes { url width }
  }
`);

export function ProductCard({ product, eager = false }: { product: ProductCardFieldsFragment; eager?: boolean }) {
  return (
    <a className="card" href={href(productPath(product))} data-testid="product-card">
      <ProductImage name={product.name} imageUrl={product.imageUrl} imageSizes={product.imageSizes} size="card" eager={eager} />
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
