import { describe, expect, it } from 'vitest';
import { canChangeOrderStatus, canShopperCancelOrder, nextOrderStatuses, statusReturnsStock, type OrderStatus } from './order-status';

const ALL: OrderStatus[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

describe('order life cycle', () => {
  it('allows exactly PENDING→PAID→SHIPPED→DELIVERED and PENDING/PAID→CANCELLED', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canChangeOrderStatus(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ['PENDING→PAID', 'PAID→SHIPPED', 'SHIPPED→DELIVERED', 'PENDING→CANCELLED', 'PAID→CANCELLED'].sort(),
    );
  });

  it('refuses staying in the same status', () => {
    for (const status of ALL) expect(canChangeOrderStatus(status, status)).toBe(false);
  });

  it('has no way out of DELIVERED or CANCELLED', () => {
    expect(nextOrderStatuses('DELIVERED')).toEqual([]);
    expect(nextOrderStatuses('CANCELLED')).toEqual([]);
    expect(nextOrderStatuses('PAID')).toEqual(['SHIPPED', 'CANCELLED']);
  });

  it('refuses unknown statuses', () => {
    expect(canChangeOrderStatus('PENDING', 'REFUNDED')).toBe(false);
    expect(canChangeOrderStatus('constructor', 'PAID')).toBe(false);
  });

  it('returns stock only when cancelling', () => {
    expect(ALL.filter((status) => statusReturnsStock(status))).toEqual(['CANCELLED']);
  });
});

describe('canShopperCancelOrder', () => {
  it('lets a shopper cancel only an unpaid order', () => {
    expect(canShopperCancelOrder('PENDING')).toBe(true);
    for (const status of ['PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'constructor', '']) expect(canShopperCancelOrder(status)).toBe(false);
  });
});
