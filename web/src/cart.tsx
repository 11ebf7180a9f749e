/** The shopping cart: product ids and quantities in localStorage. Prices shown are informative; the API prices the order. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export interface CartLine {
  readonly productId: string;
  readonly name: string;
  readonly unitPriceCents: number;
  readonly currency: string;
  readonly quantity: number;
  readonly prescriptionRequired: boolean;
}

interface CartContextValue {
  readonly lines: readonly CartLine[];
  readonly count: number;
  add(line: Omit<CartLine, 'quantity'>, quantity?: number): void;
  setQuantity(productId: string, quantity: number): void;
  clear(): void;
}

const STORAGE_KEY = 'farmacruz.cart';
export const MAX_QUANTITY = 100;
const CartContext = createContext<CartContextValue | null>(null);

function load(): CartLine[] {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as CartLine[];
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
        const nextQuantity = Math.min(MAX_QUANTITY, (existing?.quantity ?? 0) + quantity);
        save(existing ? lines.map((l) => (l === existing ? { ...l, quantity: nextQuantity } : l)) : [...lines, { ...line, quantity: nextQuantity }]);
      },
      setQuantity(productId, quantity) {
        save(
          quantity <= 0
            ? lines.filter((l) => l.productId !== productId)
            : lines.map((l) => (l.productId === productId ? { ...l, quantity: Math.min(MAX_QUANTITY, quantity) } : l)),
        );
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
