/**
 * A product's picture in a box of fixed proportions (so nothing moves when it arrives), loaded lazily below
 * the fold. Without an image, or when it fails to load, a designed placeholder: a pill-box drawing with the
 * product's initials on the shop's colours.
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

export function ProductImage({ name, imageUrl, size, eager = false }: { name: string; imageUrl: string | null | undefined; size: 'card' | 'detail'; eager?: boolean }) {
  const [failed, setFailed] = useState(false);
  const showImage = imageUrl && !failed;
  return (
    <div className={`thumb thumb-${size}`}>
      {showImage ? (
        <img src={imageUrl} alt="" width={size === 'card' ? 320 : 480} height={size === 'card' ? 200 : 300}
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
