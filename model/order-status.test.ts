import { describe, expect, it } from 'vitest';
import { canChangeOrderStatus, canShopperCancelOrder, collectsCashOnDelivery, nextOrderStatuses, statusReturnsStock, type OrderStatus } from './order-status';

const ALL: OrderStatus[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

describe('order life cycle', () => {
  it('allows exactly PENDING→PAID→SHIPPED→DELIVERED and PENDING/PAID→CANCELLED', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canChangeOrderStatus(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ['PENDING→PAID', 'PAID→SHIPPED', 'SHIPPED→DELIVERED', 'PENDING→CANCELLED', 'PAID→CANCELLED'].sort(),
    );
  });

  it('gives card and SPEI orders the same machine as orders placed before payments existed', () => {
    for (const method of ['CARD', 'SPEI', null, undefined]) {
      const allowed = ALL.flatMap((from) => ALL.filter((to) => canChangeOrderStatus(from, to, method)).map((to) => `${from}→${to}`));
      expect(allowed.sort()).toEqual(['PENDING→PAID', 'PAID→SHIPPED', 'SHIPPED→DELIVERED', 'PENDING→CANCELLED', 'PAID→CANCELLED'].sort());
    }
  });

  it('ships a cash-on-delivery order unpaid and settles it at delivery; never marks it PAID before', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canChangeOrderStatus(from, to, 'CASH_ON_DELIVERY')).map((to) => `${from}→${to}`));
    // (PAID → … are shared moves a cash order never meets: nothing takes it to PAID.)
    expect(allowed.sort()).toEqual(['PENDING→SHIPPED', 'PAID→SHIPPED', 'SHIPPED→DELIVERED', 'PENDING→CANCELLED', 'PAID→CANCELLED'].sort());
    expect(ALL.filter((to) => canChangeOrderStatus('PENDING', to, 'CASH_ON_DELIVERY') || canChangeOrderStatus('SHIPPED', to, 'CASH_ON_DELIVERY'))).not.toContain('PAID');
    expect(nextOrderStatuses('PENDING', 'CASH_ON_DELIVERY')).toEqual(['SHIPPED', 'CANCELLED']);
    expect(nextOrderStatuses('PENDING', 'CARD')).toEqual(['PAID', 'CANCELLED']);
    expect(collectsCashOnDelivery('DELIVERED', 'CASH_ON_DELIVERY')).toBe(true);
    expect(collectsCashOnDelivery('DELIVERED', 'CARD')).toBe(false);
    expect(collectsCashOnDelivery('SHIPPED', 'CASH_ON_DELIVERY')).toBe(false);
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
