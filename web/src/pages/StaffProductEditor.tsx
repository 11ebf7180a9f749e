/**
 * Staff: create or edit a product (every field, checked here in Spanish before the API checks it again; the
 * price typed in pesos, sent as integer centavos), show or hide it with confirmation, and adjust its stock with
 * a reason — each adjustment kept as history (who, when, change, reason).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ProductInput, StaffProductQuery as StaffProductResult } from '../gql/graphql';
import { errorMessage } from '../errors';
import { formatDateTime, formatMoney } from '../money';
import { usePageTitle } from '../page';
import { productPath } from '../../../model/shop-paths';
import { href, navigate } from '../router';
import { StaffNav } from './StaffNav';
import { StaffCategoriesQuery } from './StaffProducts';
import { ProductImageUpload } from './ProductImageUpload';

const StaffProductQuery = graphql(`
  query StaffProduct($id: ID!) {
    product(id: $id) {
      id sku barcode name description activeIngredients lab presentation categoryId categoryName
      price { amountCents currency } stock prescriptionRequired imageUrl imageSizes { url width } maxPerOrder active createdAt updatedAt
    }
  }
`);

const StockHistoryQuery = graphql(`
  query StaffStockHistory($productId: ID!) {
    stockAdjustments(productId: $productId, limit: 20) { items { id change stockBefore stockAfter reason at by byEmail } nextToken }
  }
`);

const UpsertProductMutation = graphql(`
  mutation StaffUpsertProduct($input: ProductInput!) {
    upsertProduct(input: $input) { id stock active updatedAt }
  }
`);

const SetActiveMutation = graphql(`
  mutation StaffSetProductActive($id: ID!, $active: Boolean!) {
    setProductActive(id: $id, active: $active) { id active updatedAt }
  }
`);

const AdjustStockMutation = graphql(`
  mutation StaffAdjustStock($productId: ID!, $change: Int!, $reason: String!) {
    adjustStock(productId: $productId, change: $change, reason: $reason) {
      product { id stock updatedAt }
      adjustment { id change stockBefore stockAfter reason at by byEmail }
    }
  }
`);

type StaffProduct = NonNullable<StaffProductResult['product']>;

/** Limits the API applies (model/product-items.ts PRODUCT_LIMITS), repeated here to explain them in Spanish. */
const LIMITS = { sku: 64, name: 200, description: 4000, lab: 120, presentation: 200, categoryName: 80, activeIngredient: 120, activeIngredients: 10, maxPriceCents: 100_000_000, maxStock: 10_000_000 };
/** The largest per-product limit staff may set (PRODUCT_LIMITS.maxPerOrder). */
const MAX_PER_ORDER = 100;
export const STOCK_REASONS = ['Recepción de mercancía', 'Conteo de inventario', 'Producto dañado', 'Producto caducado', 'Devolución de cliente'];

interface Form {
  sku: string;
  barcode: string;
  name: string;
  description: string;
  activeIngredients: string;
  lab: string;
  presentation: string;
  categoryName: string;
  price: string;
  stock: string;
  prescriptionRequired: boolean;
  imageUrl: string;
  /** Units one order may hold; empty for the shop's limit. */
  maxPerOrder: string;
  active: boolean;
}

const EMPTY: Form = { sku: '', barcode: '', name: '', description: '', activeIngredients: '', lab: '', presentation: '', categoryName: '', price: '', stock: '0', prescriptionRequired: false, imageUrl: '', maxPerOrder: '', active: true };

/** "129.50", "129,5", "$1,299.00" → 12950 / 12950 / 129900 centavos; null when it is not a price. */
export function pesosToCents(text: string): number | null {
  let value = text.replace(/[\s$]/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(value)) value = value.replace(/,/g, '');
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function centsToPesos(cents: number): string {
  return (cents / 100).toFixed(2);
}

function formOf(product: StaffProduct): Form {
  return {
    sku: product.sku,
    barcode: product.barcode ?? '',
    name: product.name,
    description: product.description ?? '',
    activeIngredients: product.activeIngredients.join(', '),
    lab: product.lab,
    presentation: product.presentation,
    categoryName: product.categoryName,
    price: centsToPesos(product.price.amountCents),
    stock: String(product.stock),
    prescriptionRequired: product.prescriptionRequired,
    imageUrl: product.imageUrl ?? '',
    maxPerOrder: product.maxPerOrder === null || product.maxPerOrder === undefined ? '' : String(product.maxPerOrder),
    active: product.active,
  };
}

type Problems = Partial<Record<keyof Form, string>>;

function ingredientsOf(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Spanish problems per field, the API's rules. */
export function formProblems(form: Form, isNew: boolean): Problems {
  const problems: Problems = {};
  const required = (field: keyof Form, label: string, max: number) => {
    const value = String(form[field]).trim();
    if (!value) problems[field] = `Escribe ${label}.`;
    else if (value.length > max) problems[field] = `Máximo ${max} caracteres.`;
  };
  required('sku', 'el SKU', LIMITS.sku);
  required('name', 'el nombre', LIMITS.name);
  required('lab', 'el laboratorio o marca', LIMITS.lab);
  required('presentation', 'la presentación', LIMITS.presentation);
  required('categoryName', 'la categoría', LIMITS.categoryName);
  if (form.description.trim().length > LIMITS.description) problems.description = `Máximo ${LIMITS.description} caracteres.`;
  if (form.barcode.trim() && !/^\d{8,14}$/.test(form.barcode.trim())) problems.barcode = 'El código de barras lleva de 8 a 14 dígitos (EAN-13, UPC).';
  const ingredients = ingredientsOf(form.activeIngredients);
  if (ingredients.length > LIMITS.activeIngredients) problems.activeIngredients = `Máximo ${LIMITS.activeIngredients} principios activos.`;
  else if (ingredients.some((i) => i.length > LIMITS.activeIngredient)) problems.activeIngredients = `Cada principio activo, máximo ${LIMITS.activeIngredient} caracteres.`;
  const cents = pesosToCents(form.price);
  if (cents === null) problems.price = 'Escribe el precio en pesos, por ejemplo 129.50.';
  else if (cents <= 0) problems.price = 'El precio debe ser mayor que cero.';
  else if (cents > LIMITS.maxPriceCents) problems.price = 'El precio es demasiado alto.';
  if (isNew && (!/^\d{1,8}$/.test(form.stock.trim()) || Number(form.stock) > LIMITS.maxStock)) problems.stock = 'Las existencias son un número entero de 0 en adelante.';
  if (form.maxPerOrder.trim() && (!/^\d{1,3}$/.test(form.maxPerOrder.trim()) || Number(form.maxPerOrder) < 1 || Number(form.maxPerOrder) > MAX_PER_ORDER)) {
    problems.maxPerOrder = `El máximo por pedido es un número entero de 1 a ${MAX_PER_ORDER}, o déjalo vacío.`;
  }
  if (form.imageUrl.trim() && !/^https:\/\/[^\s]+$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/[^\s]*$/.test(form.imageUrl.trim())) problems.imageUrl = 'La imagen debe ser una dirección https://.';
  return problems;
}

function Field({ label, name, problems, children, hint }: { label: string; name: keyof Form; problems: Problems; children: React.ReactNode; hint?: string }) {
  return (
    <label>
      {label}
      {children}
      {hint && <span className="muted">{hint}</span>}
      {problems[name] && <span className="field-error" id={`${name}-error`}>{problems[name]}</span>}
    </label>
  );
}

export function Confirm({ open, title, text, confirm, danger, onConfirm, onClose }: { open: boolean; title: string; text: string; confirm: string; danger?: boolean; onConfirm(): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="modal" aria-label={title} onClose={onClose} onCancel={onClose}>
      <h2>{title}</h2>
      <p>{text}</p>
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={onClose}>Volver</button>
        <button type="button" className={danger ? 'danger' : ''} onClick={onConfirm}>{confirm}</button>
      </div>
    </dialog>
  );
}

function StockPanel({ product, onChanged }: { product: StaffProduct; onChanged(): void }) {
  const [{ data, error }, refetch] = useQuery({ query: StockHistoryQuery, variables: { productId: product.id }, requestPolicy: 'network-only' });
  const [adjusting, adjust] = useMutation(AdjustStockMutation);
  const [direction, setDirection] = useState<'add' | 'remove'>('add');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const units = Number(quantity);
    if (!/^\d{1,6}$/.test(quantity.trim()) || units <= 0) return setProblem('Escribe cuántas piezas, un número entero mayor que cero.');
    if (direction === 'remove' && units > product.stock) return setProblem(`Solo hay ${product.stock} piezas: no puedes quitar ${units}.`);
    if (!reason.trim()) return setProblem('Escribe el motivo del ajuste.');
    setProblem(null);
    const result = await adjust({ productId: product.id, change: direction === 'add' ? units : -units, reason: reason.trim() });
    if (!result.error && result.data) {
      const a = result.data.adjustStock.adjustment;
      setDone(`Existencias ajustadas: ${a.stockBefore} → ${a.stockAfter}.`);
      setQuantity('');
      setReason('');
      refetch({ requestPolicy: 'network-only' });
      onChanged();
    }
  }

  return (
    <section className="editor" aria-labelledby="stock-title" data-testid="stock-panel">
      <h2 id="stock-title">Existencias: <span data-testid="current-stock">{product.stock}</span> piezas</h2>
      <form onSubmit={(e) => void submit(e)} className="editor-inline">
        <div className="row">
          <label>
            Movimiento
            <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value as 'add' | 'remove')}>
              <option value="add">Agregar piezas</option>
              <option value="remove">Quitar piezas</option>
            </select>
          </label>
          <label>
            Piezas
            <input name="quantity" type="number" min={1} step={1} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <label>
            Motivo
            <input name="stockReason" list="stock-reasons" maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
            <datalist id="stock-reasons">{STOCK_REASONS.map((r) => <option key={r} value={r} />)}</datalist>
          </label>
        </div>
        <p><button type="submit" disabled={adjusting.fetching}>Ajustar existencias</button></p>
        {problem && <p className="error" role="alert">{problem}</p>}
        {adjusting.error && <p className="error" role="alert">{errorMessage(adjusting.error, { action: 'No pudimos ajustar las existencias.' })}</p>}
        {done && <p className="ok" role="status">{done}</p>}
      </form>
      <h3>Historial de existencias</h3>
      {error && <p className="error" role="alert">{errorMessage(error, { action: 'No pudimos cargar el historial.' })}</p>}
      {data && data.stockAdjustments.items.length === 0 && <p className="muted">Sin ajustes todavía.</p>}
      {data && data.stockAdjustments.items.length > 0 && (
        <table className="stack" data-testid="stock-history">
          <thead><tr><th>Fecha</th><th>Cambio</th><th>Existencias</th><th>Motivo</th><th>Quién</th></tr></thead>
          <tbody>
            {data.stockAdjustments.items.map((a) => (
              <tr key={a.id}>
                <td data-label="Fecha">{formatDateTime(a.at)}</td>
                <td data-label="Cambio">{a.change > 0 ? `+${a.change}` : a.change}</td>
                <td data-label="Existencias">{a.stockBefore} → {a.stockAfter}</td>
                <td data-label="Motivo">{a.reason}</td>
                <td data-label="Quién">{a.byEmail ?? a.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function StaffProductEditor({ id }: { id: string | null }) {
  const isNew = id === null;
  const client = useClient();
  const [{ data, error: loadError }, refetch] = useQuery({ query: StaffProductQuery, variables: { id: id ?? '' }, pause: isNew, requestPolicy: 'network-only' });
  const [{ data: categories }] = useQuery({ query: StaffCategoriesQuery });
  const [saving, save] = useMutation(UpsertProductMutation);
  const [activating, setActive] = useMutation(SetActiveMutation);
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const product = data?.product ?? null;
  usePageTitle(isNew ? 'Nuevo producto' : product ? `Editar ${product.name}` : null);

  useEffect(() => {
    if (product) setForm(formOf(product));
  }, [product?.id, product?.updatedAt]); // eslint-disable-line react-hooks/exhaustive-deps

  const problems = touched ? formProblems(form, isNew) : {};
  const set = (field: keyof Form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const invalid = (field: keyof Form) => (problems[field] ? { 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    setSaved(null);
    if (Object.keys(formProblems(form, isNew)).length > 0) return;
    // The stock is changed only by adjustments (with history): send the stock as it is right now.
    let stock = Number(form.stock);
    if (!isNew && id) {
      const fresh = await client.query(StaffProductQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      stock = fresh.data?.product?.stock ?? stock;
    }
    const input: ProductInput = {
      ...(id ? { id } : {}),
      sku: form.sku.trim(),
      barcode: form.barcode.trim() || null,
      name: form.name.trim(),
      description: form.description.trim() || null,
      activeIngredients: ingredientsOf(form.activeIngredients),
      lab: form.lab.trim(),
      presentation: form.presentation.trim(),
      categoryName: form.categoryName.trim(),
      priceCents: pesosToCents(form.price)!,
      currency: product?.price.currency ?? 'MXN',
      stock,
      prescriptionRequired: form.prescriptionRequired,
      imageUrl: form.imageUrl.trim() || null,
      maxPerOrder: form.maxPerOrder.trim() ? Number(form.maxPerOrder.trim()) : null,
      active: isNew ? form.active : (product?.active ?? true),
    };
    const result = await save({ input });
    if (!result.error && result.data) {
      setSaved('Cambios guardados.');
      if (isNew) navigate(`/personal/productos/${result.data.upsertProduct.id}`, { replace: true });
      else refetch({ requestPolicy: 'network-only' });
    }
  }

  async function toggleActive() {
    if (!product) return;
    setConfirming(false);
    const result = await setActive({ id: product.id, active: !product.active });
    if (!result.error) refetch({ requestPolicy: 'network-only' });
  }

  if (!isNew && loadError) {
    return (
      <div>
        <h1>Producto no disponible</h1>
        <p className="error" role="alert">{errorMessage(loadError, { action: 'No pudimos cargar el producto.' })}</p>
        <p><a href={href('/personal/productos')}>Volver a productos</a></p>
      </div>
    );
  }
  if (!isNew && !product) return <p role="status" aria-busy="true">Cargando producto…</p>;

  return (
    <div>
      <h1>{isNew ? 'Nuevo producto' : product!.name}</h1>
      <StaffNav current="productos" />
      <p><a href={href('/personal/productos')}>← Volver a productos</a></p>
      {product && (
        <p data-testid="product-state">
          Estado: <strong>{product.active ? 'Activo (visible en la tienda)' : 'Inactivo (oculto en la tienda)'}</strong>{' '}
          <button type="button" className={product.active ? 'secondary danger' : 'secondary'} disabled={activating.fetching} onClick={() => setConfirming(true)}>
            {product.active ? 'Desactivar…' : 'Activar…'}
          </button>
          {' '}· Precio actual {formatMoney(product.price)} · <a href={href(productPath(product))}>Ver en la tienda</a>
        </p>
      )}
      {activating.error && <p className="error" role="alert">{errorMessage(activating.error, { action: 'No pudimos cambiar el estado del producto.' })}</p>}
      <form className="editor" noValidate onSubmit={(e) => void submit(e)} aria-label="Datos del producto">
        <div className="row">
          <Field label="SKU" name="sku" problems={problems}><input name="sku" value={form.sku} maxLength={LIMITS.sku} onChange={set('sku')} {...invalid('sku')} /></Field>
          <Field label="Código de barras (opcional)" name="barcode" problems={problems}><input name="barcode" inputMode="numeric" value={form.barcode} onChange={set('barcode')} {...invalid('barcode')} /></Field>
        </div>
        <Field label="Nombre" name="name" problems={problems}><input name="name" value={form.name} maxLength={LIMITS.name} onChange={set('name')} {...invalid('name')} /></Field>
        <Field label="Descripción (opcional)" name="description" problems={problems}><textarea name="description" rows={4} value={form.description} maxLength={LIMITS.description} onChange={set('description')} {...invalid('description')} /></Field>
        <Field label="Principios activos" name="activeIngredients" problems={problems} hint="Separados por comas, por ejemplo: Paracetamol, Cafeína">
          <input name="activeIngredients" value={form.activeIngredients} onChange={set('activeIngredients')} {...invalid('activeIngredients')} />
        </Field>
        <div className="row">
          <Field label="Laboratorio o marca" name="lab" problems={problems}><input name="lab" value={form.lab} maxLength={LIMITS.lab} onChange={set('lab')} {...invalid('lab')} /></Field>
          <Field label="Categoría" name="categoryName" problems={problems}>
            <input name="categoryName" list="category-names" value={form.categoryName} maxLength={LIMITS.categoryName} onChange={set('categoryName')} {...invalid('categoryName')} />
            <datalist id="category-names">{categories?.categories.map((c) => <option key={c.id} value={c.name} />)}</datalist>
          </Field>
        </div>
        <Field label="Presentación" name="presentation" problems={problems} hint="Forma, concentración y contenido, por ejemplo: Caja con 20 tabletas de 500 mg">
          <input name="presentation" value={form.presentation} maxLength={LIMITS.presentation} onChange={set('presentation')} {...invalid('presentation')} />
        </Field>
        <div className="row">
          <Field label="Precio en pesos (con IVA)" name="price" problems={problems}><input name="price" inputMode="decimal" placeholder="129.50" value={form.price} onChange={set('price')} {...invalid('price')} /></Field>
          {isNew ? (
            <Field label="Existencias iniciales" name="stock" problems={problems}><input name="stock" type="number" min={0} step={1} inputMode="numeric" value={form.stock} onChange={set('stock')} {...invalid('stock')} /></Field>
          ) : (
            <p className="muted">Las existencias se cambian con un ajuste (abajo), que queda en el historial.</p>
          )}
        </div>
        <Field
          label="Máximo de piezas por pedido (opcional)"
          name="maxPerOrder"
          problems={problems}
          hint="Vacío: el límite de la tienda. Un número menor limita cuántas piezas de este producto caben en un pedido."
        >
          <input name="maxPerOrder" type="number" min={1} max={MAX_PER_ORDER} step={1} inputMode="numeric" value={form.maxPerOrder} onChange={set('maxPerOrder')} {...invalid('maxPerOrder')} />
        </Field>
        <label className="check-row">
          <input type="checkbox" name="prescriptionRequired" checked={form.prescriptionRequired} onChange={(e) => setForm({ ...form, prescriptionRequired: e.target.checked })} />
          Requiere receta médica
        </label>
        <Field label="Imagen por dirección https:// (opcional; o sube una foto abajo)" name="imageUrl" problems={problems}><input name="imageUrl" type="url" value={form.imageUrl} onChange={set('imageUrl')} {...invalid('imageUrl')} /></Field>
        {isNew && (
          <label className="check-row">
            <input type="checkbox" name="active" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
            Visible en la tienda al guardarlo
          </label>
        )}
        {touched && Object.keys(problems).length > 0 && <p className="error" role="alert">Revisa los campos marcados.</p>}
        {saving.error && <p className="error" role="alert">{errorMessage(saving.error, { action: 'No pudimos guardar el producto.' })}</p>}
        {saved && <p className="ok" role="status">{saved}</p>}
        <p><button type="submit" disabled={saving.fetching}>{isNew ? 'Crear producto' : 'Guardar cambios'}</button></p>
      </form>
      {product && <ProductImageUpload product={product} onChanged={() => refetch({ requestPolicy: 'network-only' })} />}
      {product && <StockPanel product={product} onChanged={() => refetch({ requestPolicy: 'network-only' })} />}
      {product && (
        <Confirm
          open={confirming}
          title={product.active ? '¿Desactivar este producto?' : '¿Activar este producto?'}
          text={product.active ? `«${product.name}» dejará de verse en la tienda (búsqueda, listas y su página). Los pedidos ya hechos no cambian.` : `«${product.name}» volverá a verse y venderse en la tienda.`}
          confirm={product.active ? 'Sí, desactivar' : 'Sí, activar'}
          danger={product.active}
          onConfirm={() => void toggleActive()}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
