/**
 * The one error vocabulary of the web app: every server `errorType` and every auth (Cognito) error code
 * becomes one Spanish sentence here, naming products by name — never an id, never the server's English.
 * Pages call `errorMessage(error, context)`; nothing else turns an error into text.
 */
import type { CombinedError } from 'urql';
import type { AuthErrorCode } from '../../auth-client/auth-errors';
import type { PasswordRule } from '../../auth/password-policy';

/** What a page knows that the error does not: product names by id (cart lines, order lines). */
export interface ErrorContext {
  productName?(productId: string): string | undefined;
  /** What failed, for the generic messages: "No pudimos cargar el catálogo." */
  readonly action?: string;
}

/** A GraphQL error as AppSync sends it: errorType and errorInfo next to the message. */
export interface ApiError {
  readonly errorType: string | null;
  readonly errorInfo: Readonly<Record<string, unknown>> | null;
}

const PASSWORD_RULES: Record<PasswordRule, string> = {
  minimumLength: 'al menos 8 caracteres',
  requireLowercase: 'una minúscula',
  requireUppercase: 'una mayúscula',
  requireDigits: 'un número',
  requireSymbols: 'un símbolo',
};

const AUTH_MESSAGES: Record<AuthErrorCode, string> = {
  UserExists: 'Ya existe una cuenta con ese correo. Inicia sesión o recupera tu contraseña.',
  CodeMismatch: 'El código no es correcto. Revisa el correo que te enviamos.',
  ExpiredCode: 'El código ya caducó. Pide uno nuevo.',
  NotAuthorized: 'Correo o contraseña incorrectos.',
  UserNotConfirmed: 'Aún no confirmas tu correo. Escribe el código que te enviamos.',
  UserNotFound: 'No hay una cuenta con ese correo.',
  InvalidPassword: 'La contraseña no cumple las reglas: al menos 8 caracteres, con mayúscula, minúscula y número.',
  InvalidParameter: 'Revisa los datos: alguno no tiene el formato esperado.',
  PasswordResetRequired: 'Debes crear una contraseña nueva. Usa «¿Olvidaste tu contraseña?».',
  ChallengeRequired: 'Tu cuenta necesita un paso de verificación que la tienda aún no ofrece. Escríbenos para ayudarte.',
  CodeDeliveryFailure: 'No pudimos enviar el código a tu correo. Inténtalo de nuevo en unos minutos.',
  TooManyRequests: 'Demasiados intentos. Espera unos minutos y vuelve a intentarlo.',
  Unsupported: 'Esta operación no está disponible en este entorno.',
  Network: 'No pudimos conectar con el servicio de cuentas. Revisa tu conexión e inténtalo de nuevo.',
  Unknown: 'No pudimos completar la operación con tu cuenta. Inténtalo de nuevo.',
};

const ADDRESS_FIELD_NAMES: Record<string, string> = {
  recipientName: 'el nombre de quien recibe',
  line1: 'la calle y el número',
  line2: 'la colonia o referencias',
  city: 'la ciudad o municipio',
  state: 'el estado',
  postalCode: 'el código postal',
  country: 'el país',
  phone: 'el teléfono',
};

/** Fields of the staff pages (order actions, product editor, stock adjustments): what to fix, in Spanish. */
const STAFF_FIELD_MESSAGES: Record<string, string> = {
  reason: 'Escribe el motivo (de 1 a 500 caracteres, sin caracteres especiales).',
  carrier: 'Escribe la paquetería (hasta 60 caracteres).',
  trackingNumber: 'El número de guía debe tener de 4 a 40 letras, números, guiones o espacios.',
  note: 'La nota puede tener hasta 500 caracteres, sin caracteres especiales.',
  change: 'El ajuste debe ser un número entero distinto de 0 y no puede dejar las existencias por debajo de cero.',
  customerEmail: 'Escribe un correo completo, por ejemplo nombre@dominio.mx.',
  orderNumber: 'El número de pedido tiene 8 letras y números (los últimos 8 del pedido).',
  createdFrom: 'Revisa la fecha «desde».',
  createdBefore: 'La fecha «hasta» debe ser posterior a la fecha «desde».',
  filter: 'Elige un estado o busca por el correo del cliente.',
  maxStock: 'El umbral de existencias debe ser un número entero de 0 en adelante.',
  input: 'Revisa los datos del producto: alguno no tiene el formato esperado.',
  fileName: 'Elige un archivo .DBF del punto de venta (por ejemplo PRODUCTOS.DBF).',
  codepage: 'Esa página de códigos no es una que conozcamos.',
  sizeBytes: 'El archivo está vacío o es más grande de lo permitido.',
};

/** Conflicts the server explains with errorInfo.reason. */
const CONFLICT_MESSAGES: Record<string, string> = {
  AlreadyVerified: 'La receta de este pedido ya estaba verificada. Vuelve a cargar la página.',
  NoPrescriptionLines: 'Este pedido no tiene productos con receta.',
  OrderClosed: 'Este pedido ya salió o fue cancelado: su receta ya no se puede verificar.',
  // startCardPayment
  NotPending: 'Este pedido ya no está pendiente de pago. Vuelve a cargar la página para ver su estado.',
  NotCardPayment: 'Este pedido se paga por transferencia, no con tarjeta: sigue las instrucciones de pago del pedido.',
  ReservationEnded: 'Se terminó el tiempo para pagar este pedido y los productos volvieron al inventario. Haz un pedido nuevo.',
  AlreadyRunning: 'Los productos similares ya se están recalculando. Espera a que termine.',
  NotPreviewed: 'Esta importación ya no está esperando confirmación. Vuelve a cargar la página.',
  NothingToImport: 'El archivo no trae cambios: no hay nada que importar.',
  AlreadyConfirmed: 'Esta importación ya se confirmó. Vuelve a cargar la página para ver su avance.',
  Changed: 'La importación cambió mientras la veías. Vuelve a cargar la página.',
};

function isAuthError(error: unknown): error is { code: AuthErrorCode; details: Record<string, unknown> } {
  return error instanceof Error && error.name === 'AuthError' && typeof (error as { code?: unknown }).code === 'string';
}

function isCombinedError(error: unknown): error is CombinedError {
  return error instanceof Error && Array.isArray((error as { graphQLErrors?: unknown }).graphQLErrors);
}

/** errorType and errorInfo of the first GraphQL error (urql keeps AppSync's raw error as originalError). */
export function apiErrorOf(error: unknown): ApiError | null {
  if (!isCombinedError(error)) return null;
  const first = error.graphQLErrors[0];
  if (!first) return null;
  const raw = (first.originalError ?? first) as { errorType?: unknown; errorInfo?: unknown; data?: unknown };
  const info = (raw.errorInfo ?? raw.data ?? null) as ApiError['errorInfo'];
  return { errorType: typeof raw.errorType === 'string' ? raw.errorType : null, errorInfo: info && typeof info === 'object' ? info : null };
}

/** True when the API refused the caller: the page should send them to sign in. */
export function isUnauthorized(error: unknown): boolean {
  return apiErrorOf(error)?.errorType === 'Unauthorized';
}

function nameOf(productId: unknown, context: ErrorContext): string {
  const name = typeof productId === 'string' ? context.productName?.(productId) : undefined;
  return name ?? 'un producto de tu carrito';
}

function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} y ${names[names.length - 1]}`;
}

function validationMessage(field: unknown): string {
  const path = typeof field === 'string' ? field : '';
  if (path.startsWith('shippingAddress.')) {
    const name = ADDRESS_FIELD_NAMES[path.slice('shippingAddress.'.length)];
    return name ? `Revisa ${name} de la dirección de entrega.` : 'Revisa la dirección de entrega.';
  }
  if (path === 'shippingAddress') return 'Falta la dirección de entrega.';
  if (path.endsWith('.quantity')) return 'Cada cantidad debe ser un número entero de 1 a 100.';
  if (path === 'items' || path.startsWith('items[')) return 'Revisa tu carrito: hay productos repetidos o demasiados productos distintos.';
  if (path === 'text') return 'Escribe de 2 a 100 caracteres para buscar.';
  if (path === 'nextToken') return 'La lista cambió mientras la veías. Vuelve a cargarla.';
  const staffField = STAFF_FIELD_MESSAGES[path];
  if (staffField) return staffField;
  return 'Revisa los datos: alguno no tiene el formato esperado.';
}

function apiMessage(api: ApiError, context: ErrorContext): string {
  const info = api.errorInfo ?? {};
  switch (api.errorType) {
    case 'OutOfStock': {
      const name = nameOf(info.productId, context);
      const available = typeof info.available === 'number' ? info.available : 0;
      if (available === 0) return `${name} se agotó. Quítalo del carrito para continuar.`;
      return `${available === 1 ? 'Solo queda 1 pieza' : `Solo quedan ${available} piezas`} de ${name}. Ajusta la cantidad para continuar.`;
    }
    case 'NotFound': {
      const ids = Array.isArray(info.productIds) ? info.productIds : typeof info.id === 'string' ? [info.id] : [];
      if (ids.length > 0) {
        const names = ids.map((id) => nameOf(id, context));
        return `${listOf(names)} ya no ${names.length === 1 ? 'está' : 'están'} a la venta. Quítalo del carrito para continuar.`;
      }
      return 'No encontramos lo que buscas. Puede que el enlace ya no sea válido.';
    }
    case 'ValidationError':
      return validationMessage(info.field);
    case 'Unauthorized':
      return 'No tienes acceso a esta página con tu cuenta. Inicia sesión con la cuenta correcta.';
    case 'Conflict': {
      const reason = typeof info.reason === 'string' ? CONFLICT_MESSAGES[info.reason] : undefined;
      if (reason) return reason;
      if (info.field === 'sku') return `Ya existe otro producto con el SKU ${typeof info.sku === 'string' ? info.sku : ''}. Usa un SKU distinto.`;
      return 'Alguien más cambió esto al mismo tiempo. Vuelve a cargar la página e inténtalo de nuevo.';
    }
    case 'OrderLimitExceeded': {
      const name = typeof info.name === 'string' ? info.name : nameOf(info.productId, context);
      const limit = typeof info.limit === 'number' ? info.limit : 10;
      return `Puedes llevar hasta ${limit === 1 ? '1 pieza' : `${limit} piezas`} de ${name} por pedido. Ajusta la cantidad para continuar.`;
    }
    case 'TooManyUnpaidOrders': {
      const limit = typeof info.limit === 'number' ? info.limit : 3;
      return `Ya tienes ${limit === 1 ? '1 pedido pendiente' : `${limit} pedidos pendientes`} de pago. Paga o cancela uno en «Mis pedidos» antes de hacer otro.`;
    }
    case 'PrescriptionNotVerified':
      return 'Este pedido lleva medicamentos con receta: un farmacéutico debe verificar la receta antes de enviarlo.';
    case 'PaymentMethodUnavailable':
      return info.paymentMethod === 'CASH_ON_DELIVERY'
        ? 'Por ahora no ofrecemos pago en efectivo al recibir. Elige otra forma de pago para confirmar tu pedido.'
        : 'Esa forma de pago no está disponible por ahora. Elige otra para confirmar tu pedido.';
    case 'PaymentProviderError':
      return 'No pudimos abrir la página de pago con tarjeta. Inténtalo de nuevo en un momento.';
    case 'ServiceUnavailable':
      return 'El servicio está ocupado en este momento. Inténtalo de nuevo en unos segundos.';
    default:
      return context.action ? `${context.action} Inténtalo de nuevo en un momento.` : 'Algo salió mal de nuestro lado. Inténtalo de nuevo en un momento.';
  }
}

/** The Spanish sentence a shopper reads for any error the app can meet. */
export function errorMessage(error: unknown, context: ErrorContext = {}): string {
  if (isAuthError(error)) {
    if (error.code === 'InvalidPassword' && Array.isArray(error.details.broken) && error.details.broken.length > 0) {
      const rules = (error.details.broken as PasswordRule[]).map((rule) => PASSWORD_RULES[rule] ?? rule);
      return `La contraseña necesita ${listOf(rules)}.`;
    }
    return AUTH_MESSAGES[error.code] ?? AUTH_MESSAGES.Unknown;
  }
  if (isCombinedError(error)) {
    const api = apiErrorOf(error);
    if (api) return apiMessage(api, context);
    if (error.networkError) return 'No pudimos conectar con la tienda. Revisa tu conexión e inténtalo de nuevo.';
  }
  return context.action ? `${context.action} Inténtalo de nuevo en un momento.` : 'Algo salió mal. Inténtalo de nuevo en un momento.';
}
