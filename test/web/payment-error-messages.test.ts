/**
 * The Spanish sentences of the order-limit errors (issue 13), from the errorType and errorInfo createOrder sends.
 */
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../web/src/errors';

function apiError(errorType: string, errorInfo: Record<string, unknown>) {
  const error = new Error('[GraphQL] server message') as Error & { graphQLErrors: unknown[] };
  error.graphQLErrors = [{ message: 'server message', originalError: { errorType, errorInfo } }];
  return error;
}

describe('order limit messages', () => {
  it('names the product and its limit for OrderLimitExceeded', () => {
    const message = errorMessage(apiError('OrderLimitExceeded', { productId: 'P1', name: 'Paracetamol 500 mg', requested: 12, limit: 10 }));
    expect(message).toBe('Puedes llevar hasta 10 piezas de Paracetamol 500 mg por pedido. Ajusta la cantidad para continuar.');
  });

  it('says how many unpaid orders are allowed for TooManyUnpaidOrders', () => {
    expect(errorMessage(apiError('TooManyUnpaidOrders', { limit: 3 }))).toBe(
      'Ya tienes 3 pedidos pendientes de pago. Paga o cancela uno en «Mis pedidos» antes de hacer otro.',
    );
  });
});
