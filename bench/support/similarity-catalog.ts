/**
 * A large, deterministic catalog for the similarity benchmark, built from the demo catalog's vocabulary
 * (local/demo-catalog/reference.ts: its families, makers, names and presentations). The demo holds 1,991
 * distinct products; past that, each further round adds the same families from other makers — regional
 * generic labs ("Pisa" → "Pisa Regional 7") with other pack sizes — as a national chain's catalog grows:
 * more labs selling the same medicines, not new medicines. Ids are seeded hashes, so id order is not
 * generation order.
 */
import { demoCatalogCapacity, generateDemoCatalog } from '../../local/demo-catalog/generate';
import { createPrng } from '../../local/demo-catalog/prng';
import type { SimilarityProduct } from '../../catalog/similarity';

const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function seededId(prng: ReturnType<typeof createPrng>): string {
  let id = '';
  for (let index = 0; index < 16; index += 1) id += ID_ALPHABET[prng.int(0, ID_ALPHABET.length - 1)];
  return id;
}

/** Other pack counts of a round: "Caja con 20 tabletas" → "Caja con 28 tabletas" and so on. */
function repack(presentation: string, round: number): string {
  return presentation.replace(/\bcon (\d+)\b/, (_whole, amount: string) => `con ${Number(amount) + (round % 7) * 2}`);
}

/** A generated product: what similarity reads, plus what a product item needs (benchmark against DynamoDB). */
export interface BenchProduct extends SimilarityProduct {
  readonly sku: string;
  readonly categoryName: string;
  readonly presentation: string;
}

export function generateSimilarityCatalog(count: number, seed = 'farmacruz-similarity-bench'): BenchProduct[] {
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error('count must be 1 to 1,000,000');
  const demo = generateDemoCatalog({ count: Math.min(count, demoCatalogCapacity()) });
  const prng = createPrng(seed);
  const products: BenchProduct[] = [];
  for (let index = 0; index < count; index += 1) {
    const base = demo[index % demo.length]!;
    const round = Math.floor(index / demo.length);
    const id = seededId(prng);
    products.push({
      id,
      sku: `BENCH-${id}`,
      categoryName: base.categoryName,
      name: base.name,
      activeIngredients: base.activeIngredients,
      lab: round === 0 ? base.lab : `${base.lab} Regional ${round}`,
      categoryId: base.categoryId,
      presentation: round === 0 ? base.presentation : repack(base.presentation, round),
    });
  }
  return products;
}
