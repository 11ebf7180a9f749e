import { describe, expect, it } from 'vitest';
import { priceOrder, shippingCentsFor, SHIPPING_RULE, type ProductForOrder } from './order-pricing';

const paracetamol: ProductForOrder = {
  id: 'PARA',
  sku: 'PARA-500-20',
  name: 'Paracetamol 500 mg',
  priceCents: 3500,
  currency: 'MXN',
  stock: 10,
  active: true,
  prescriptionRequired: false,
};
const amoxicilina: ProductForOrder = {
  id: 'AMOX',
  sku: 'AMOX-500-12',
  name: 'Amoxicilina 500 mg',
  priceCents: 12950,
  currency: 'MXN',
  stock: 3,
  active: true,
  prescriptionRequired: true,
};

describe('order pricing', () => {
  it('prices lines from the stored products and adds flat shipping below the threshold', () => {
    const pricing = priceOrder(
      [
        { productId: 'PARA', quantity: 2 },
        { productId: 'AMOX', quantity: 1 },
      ],
      [amoxicilina, paracetamol],
    );
    expect(pricing).toEqual({
      ok: true,
      order: {
        currency: 'MXN',
        lines: [
          {
            productId: 'PARA',
            sku: 'PARA-500-20',
            name: 'Paracetamol 500 mg',
            quantity: 2,
            unitPriceCents: 3500,
            lineTotalCents: 7000,
            prescriptionRequired: false,
          },
          {
            productId: 'AMOX',
            sku: 'AMOX-500-12',
            name: 'Amoxicilina 500 mg',
            quantity: 1,
            unitPriceCents: 12950,
            lineTotalCents: 12950,
            prescriptionRequired: true,
          },
        ],
        itemCount: 3,
        subtotalCents: 19950,
        shippingCents: 4900,
        totalCents: 24850,
      },
    });
  });

  it('ships free from a 500.00 subtotal, not below it', () => {
    expect(shippingCentsFor(SHIPPING_RULE.freeFromSubtotalCents)).toBe(0);
    expect(shippingCentsFor(SHIPPING_RULE.freeFromSubtotalCents - 1)).toBe(4900);
    const pricing = priceOrder([{ productId: 'PARA', quantity: 10 }], [{ ...paracetamol, priceCents: 5000 }]);
    expect(pricing.ok && pricing.order).toMatchObject({ subtotalCents: 50000, shippingCents: 0, totalCents: 50000 });
  });

  it('reports unknown and inactive products together as NotFound', () => {
    const pricing = priceOrder(
      [
        { productId: 'PARA', quantity: 1 },
        { productId: 'GONE', quantity: 1 },
        { productId: 'AMOX', quantity: 1 },
      ],
      [paracetamol, { ...amoxicilina, active: false }],
    );
    expect(pricing).toEqual({ ok: false, reason: 'NotFound', productIds: ['GONE', 'AMOX'] });
  });

  it('reports the first line short of stock with what is left', () => {
    const pricing = priceOrder(
      [
        { productId: 'PARA', quantity: 1 },
        { productId: 'AMOX', quantity: 4 },
      ],
      [paracetamol, amoxicilina],
    );
    expect(pricing).toEqual({ ok: false, reason: 'OutOfStock', shortage: { productId: 'AMOX', requested: 4, available: 3 } });
  });

  it('refuses a cart that mixes currencies', () => {
    const pricing = priceOrder(
      [
        { productId: 'PARA', quantity: 1 },
        { productId: 'AMOX', quantity: 1 },
      ],
      [paracetamol, { ...amoxicilina, currency: 'USD' }],
    );
    expect(pricing).toEqual({ ok: false, reason: 'MixedCurrencies', currencies: ['MXN', 'USD'] });
  });
});
