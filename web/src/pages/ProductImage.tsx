/**
 * A product's picture in a box of fixed proportions (so nothing moves when it arrives), loaded lazily below
 * the fold. Uploaded photos come in several WebP widths (`imageSizes`): the browser picks one by `srcset` and
 * `sizes` (a card never downloads the product page's size). Without an image, or when it fails to load, a
 * designed placeholder: a pill-box drawing with the product's initials on the shop's colours.
 */
import { useState } from 'react';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
}

/** How wide the box is drawn (CSS px), for the browser's pick in srcset: cards in the grid, the product page's picture. */
const SIZES = {
  card: '(max-width: 640px) 50vw, 300px',
  detail: '(max-width: 640px) 90vw, 360px',
} as const;

export interface ImageSizeOption {
  readonly url: string;
  readonly width: number;
}

export function ProductImage({ name, imageUrl, imageSizes, size, eager = false }: {
  name: string;
  imageUrl: string | null | undefined;
  imageSizes?: readonly ImageSizeOption[] | null;
  size: 'card' | 'detail';
  eager?: boolean;
}) {
  const [failed, setFailed] = useState(false);
  const showImage = imageUrl && !failed;
  const srcSet = imageSizes && imageSizes.length > 1 ? imageSizes.map((option) => `${option.url} ${option.width}w`).join(', ') : undefined;
  const smallest = imageSizes && imageSizes.length > 0 ? imageSizes[0]!.url : imageUrl;
  return (
    <div className={`thumb thumb-${size}`}>
      {showImage ? (
        <img src={srcSet ? (smallest ?? imageUrl) : imageUrl} srcSet={srcSet} sizes={srcSet ? SIZES[size] : undefined} alt=""
          width={size === 'card' ? 320 : 480} height={size === 'card' ? 200 : 300}
          loading={eager ? 'eager' : 'lazy'} decoding="async" onError={() => setFailed(true)} />
      ) : (
        <svg viewBox="0 0 160 100" role="presentation" aria-hidden="true" focusable="false">
          <rect x="40" y="30" width="80" height="40" rx="20" fill="#fff" opacity=".9" />
          <rect x="80" y="30" width="40" height="40" rx="20" fill="currentColor" opacity=".25" />
          <text x="60" y="56" textAnchor="middle" fontSize="18" fontWeight="700" fill="currentColor">{initials(name)}</text>
        </svg>
      )}
    </div>
  );
}
