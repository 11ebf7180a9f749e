/**
 * The shopping cart: product ids and quantities in localStorage. Prices shown are informative; the API prices
 * the order. A line never holds more units than the product had in stock when last seen (nor than an order
 * line may have); the cart page refreshes stock and prices from the API.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { ORDER_LIMITS } from '../../model/order-limits';

export interface CartLine {
  readonly productId: string;
  readonly name: string;
  readonly unitPriceCents: number;
  readonly currency: string;
  readonly quantity: number;
  readonly prescriptionRequired: boolean;
  /** Units in stock when the product was last seen. */
  readonly stock: number;
}

interface CartContextValue {
  readonly lines: readonly CartLine[];
  readonly count: number;
  add(line: Omit<CartLine, 'quantity'>, quantity?: number): void;
  setQuantity(productId: string, quantity: number): void;
  /** The product as the API shows it now: name, price and stock (the quantity is capped to the stock). */
  refresh(productId: string, seen: Pick<CartLine, 'name' | 'unitPriceCents' | 'currency' | 'stock' | 'prescriptionRequired'>): void;
  remove(productId: string): void;
  clear(): void;
}

const STORAGE_KEY = 'farmacruz.cart';
export const MAX_QUANTITY = ORDER_LIMITS.maxQuantity;
const CartContext = createContext<CartContextValue | null>(null);

/** The most of one product a line may hold. */
export function lineLimit(stock: number): number {
  return Math.max(0, Math.min(MAX_QUANTITY, stock));
}

function load(): CartLine[] {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as CartLine[];
    return raw.map((l) => ({ ...l, stock: typeof l.stock === 'number' ? l.stock : MAX_QUANTITY }));
  } catch {
    return [];
  }
}

export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>(load);
  const value = useMemo<CartContextValue>(() => {
    const save = (next: CartLine[]) => {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      setLines(next);
    };
    return {
      lines,
      count: lines.reduce((sum, l) => sum + l.quantity, 0),
      add(line, quantity = 1) {
        const existing = lines.find((l) => l.productId === line.productId);
        const nextQuantity = Math.min(lineLimit(line.stock), (existing?.quantity ?? 0) + quantity);
        if (nextQuantity <= 0) return;
        save(existing ? lines.map((l) => (l === existing ? { ...l, ...line, quantity: nextQuantity } : l)) : [...lines, { ...line, quantity: nextQuantity }]);
      },
      setQuantity(productId, quantity) {
        if (!Number.isInteger(quantity) || quantity < 1) return;
        save(lines.map((l) => (l.productId === productId ? { ...l, quantity: Math.min(lineLimit(l.stock), quantity) } : l)));
      },
      refresh(productId, seen) {
        const line = lines.find((l) => l.productId === productId);
        if (!line) return;
        const quantity = Math.min(line.quantity, Math.max(1, lineLimit(seen.stock)));
        if (line.name === seen.name && line.unitPriceCents === seen.unitPriceCents && line.currency === seen.currency && line.stock === seen.stock && line.quantity === quantity && line.prescriptionRequired === seen.prescriptionRequired) return;
        save(lines.map((l) => (l.productId === productId ? { ...l, ...seen, quantity } : l)));
      },
      remove(productId) {
        save(lines.filter((l) => l.productId !== productId));
      },
      clear() {
        save([]);
      },
    };
  }, [lines]);
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartContextValue {
  const value = useContext(CartContext);
  if (!value) throw new Error('useCart outside CartProvider');
  return value;
}
