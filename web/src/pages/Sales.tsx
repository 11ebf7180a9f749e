/**
 * Staff page "Ventas": the sales figures of the hourly analytics job (Query.salesAnalytics), per reporting
 * period, as charts and tables with CSV export. A free from–to range ("Personalizado") shows every metric
 * too — KPIs, rankings, states, prescription share, new and returning customers — from Query.salesRange,
 * which sums the job's per-day figures for those days (analytics/sales-days.ts); its chart is the daily
 * series of the same days. Loaded on its own (App.tsx lazy-loads it), so the chart library (Recharts) is
 * downloaded only by staff who open this page.
 */
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { graphql } from '../gql';
import type { OrderStatus, SalesAnalyticsQuery, SalesGranularity } from '../gql/graphql';
import { STATUS_LABELS } from './order-status';
import { downloadCsv, type CsvColumn } from '../csv';
import { usePageTitle } from '../page';

const SalesAnalyticsDocument = graphql(`
  query SalesAnalytics {
    salesAnalytics {
      generatedAt
      currency
      periods {
        id from to orders cancelledOrders cancellationRate salesCents units averageBasketCents
        statuses { status orders }
        states { state orders salesCents }
        topProducts { productId sku name units revenueCents unitsRank revenueRank }
        topCategories { categoryId name units revenueCents unitsRank revenueRank }
        prescription { orders prescriptionOrders units prescriptionUnits revenueCents prescriptionRevenueCents }
        customers { customers newCustomers returningCustomers newCustomerOrders returningCustomerOrders }
      }
      series { granularity from to points { periodStart orders cancelledOrders salesCents units averageBasketCents } }
    }
  }
`);

const SalesRangeDocument = graphql(`
  query SalesRange($from: AWSDate!, $to: AWSDate!) {
    salesRange(from: $from, to: $to) {
      id from to orders cancelledOrders cancellationRate salesCents units averageBasketCents
      statuses { status orders }
      states { state orders salesCents }
      topProducts { productId sku name units revenueCents unitsRank revenueRank }
      topCategories { categoryId name units revenueCents unitsRank revenueRank }
      prescription { orders prescriptionOrders units prescriptionUnits revenueCents prescriptionRevenueCents }
      customers { customers newCustomers returningCustomers newCustomerOrders returningCustomerOrders }
    }
  }
`);

type Analytics = NonNullable<SalesAnalyticsQuery['salesAnalytics']>;
type Period = Analytics['periods'][number];

export const PERIOD_LABELS: Record<string, string> = {
  'last-7-days': 'Últimos 7 días',
  'last-30-days': 'Últimos 30 días',
  'last-90-days': 'Últimos 90 días',
  'last-365-days': 'Últimos 12 meses',
  'this-month': 'Este mes',
  'previous-month': 'Mes anterior',
  'this-year': 'Este año',
};

const GRANULARITY_LABELS: Record<SalesGranularity, string> = { DAY: 'Día', WEEK: 'Semana', MONTH: 'Mes' };
const COLORS = ['#0b6e4f', '#2f9e77', '#f2a541', '#b3261e', '#4a6fa5', '#8e5ea2', '#6c8a9b', '#c47f00', '#3c8dbc', '#7a9a01'];
const STATUS_COLORS: Record<OrderStatus, string> = { PENDING: '#f2a541', PAID: '#2f9e77', SHIPPED: '#4a6fa5', DELIVERED: '#0b6e4f', CANCELLED: '#b3261e' };

const pesos = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN', maximumFractionDigits: 0 });
const pesosExact = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN', minimumFractionDigits: 2 });
const integer = new Intl.NumberFormat('es-MX');
const percent = new Intl.NumberFormat('es-MX', { style: 'percent', maximumFractionDigits: 1 });

const money = (cents: number) => pesosExact.format(cents / 100);
const moneyShort = (cents: number) => pesos.format(cents / 100);
const share = (part: number, whole: number) => (whole > 0 ? percent.format(part / whole) : '—');

function formatDay(date: string, granularity: SalesGranularity = 'DAY'): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (granularity === 'MONTH') return new Intl.DateTimeFormat('es-MX', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  return new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

function formatLongDate(date: string): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value">{value}</strong>
      {note && <span className="muted">{note}</span>}
    </div>
  );
}

type Ranking = 'revenue' | 'units';

/** The first ten of a ranking (by revenue or by units), in its order. */
function topTen<T extends { unitsRank: number; revenueRank: number }>(rows: readonly T[], ranking: Ranking): T[] {
  const rankOf = (row: T) => (ranking === 'revenue' ? row.revenueRank : row.unitsRank);
  return rows.filter((row) => rankOf(row) <= 10).sort((a, b) => rankOf(a) - rankOf(b));
}

/** A horizontal bar per product or category: its revenue in pesos or its units; `colored`, a color per bar. */
function RankingBars({ rows, ranking, colored = false }: { rows: readonly { name: string; units: number; revenueCents: number }[]; ranking: Ranking; colored?: boolean }) {
  return (
    <div className="chart ranking" style={{ height: 40 + rows.length * 34 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows.map((row) => ({ ...row, value: ranking === 'revenue' ? row.revenueCents / 100 : row.units }))} layout="vertical" margin={{ left: 0, right: 16 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip formatter={(v) => (ranking === 'revenue' ? pesosExact.format(Number(v)) : `${integer.format(Number(v))} u.`)} />
          <Bar dataKey="value" name={ranking === 'revenue' ? 'Ingresos' : 'Unidades'} {...(colored ? {} : { fill: COLORS[0] })} radius={[0, 4, 4, 0]} isAnimationActive={false}>
            {colored && rows.map((row, i) => <Cell key={`${i}-${row.name}`} fill={COLORS[i % COLORS.length]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function Section({ title, csv, children }: { title: string; csv?: () => void; children: React.ReactNode }) {
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>{title}</h2>
        {csv && (
          <button className="secondary" onClick={csv}>
            Descargar CSV
          </button>
        )}
      </div>
      {children}
    </section>
  );
}

interface DonutSlice {
  readonly name: string;
  readonly value: number;
  readonly color: string;
}

/** A donut of counts (orders by status, new vs returning customers), each slice in its own colour. */
function CountDonut({ slices }: { slices: readonly DonutSlice[] }) {
  return (
    <div className="chart">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie data={[...slices]} dataKey="value" nameKey="name" innerRadius="45%" outerRadius="80%" isAnimationActive={false}>
            {slices.map((slice) => <Cell key={slice.name} fill={slice.color} />)}
          </Pie>
          <Tooltip formatter={(v) => integer.format(Number(v))} />
          <Legend />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The value of the period picker that asks for a free from–to range. */
const CUSTOM = 'custom';

function fileName(kind: string, period: { from: string; to: string }): string {
  return `farmacruz-${kind}-${period.from}-a-${period.to}.csv`;
}

export default function Sales() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: SalesAnalyticsDocument, requestPolicy: 'cache-and-network' });
  const [periodId, setPeriodId] = useState('last-30-days');
  const [granularity, setGranularity] = useState<SalesGranularity>('DAY');
  const [ranking, setRanking] = useState<Ranking>('revenue');
  const [customRange, setCustomRange] = useState<{ from: string; to: string } | null>(null);
  usePageTitle('Ventas');
  const analytics = data?.salesAnalytics ?? null;
  const custom = periodId === CUSTOM;
  const period = analytics?.periods.find((p) => p.id === (custom ? 'last-30-days' : periodId)) ?? analytics?.periods[0];
  const daySeries = analytics?.series.find((s) => s.granularity === 'DAY');
  // The free range: what was picked, within the days the daily series covers; the last 30 days to begin with.
  const range = custom && period ? (customRange ?? { from: period.from, to: period.to }) : period ? { from: period.from, to: period.to } : null;
  // Every metric of the free range, summed by the API from the job's per-day figures.
  const [rangeResult, refetchRange] = useQuery({
    query: SalesRangeDocument,
    variables: { from: range?.from ?? '', to: range?.to ?? '' },
    pause: !custom || !range || range.from > range.to,
    requestPolicy: 'cache-and-network',
  });
  // The last summed range stays on screen while the next one is summed (no blank page between two dates).
  const summed = rangeResult.data?.salesRange ?? null;
  const [lastRange, setLastRange] = useState<Period | null>(null);
  if (summed && summed !== lastRange) setLastRange(summed);
  const rangeFrom = range?.from;
  const rangeTo = range?.to;

  const points = useMemo(() => {
    if (!analytics || !rangeFrom || !rangeTo) return [];
    const series = analytics.series.find((s) => s.granularity === granularity);
    // A week or month is shown when it overlaps the range (its first day may be before the range's).
    return (series?.points ?? [])
      .filter((p) => p.periodStart <= rangeTo && (granularity === 'DAY' ? p.periodStart >= rangeFrom : nextStart(p.periodStart, granularity) > rangeFrom))
      .map((p) => ({ ...p, label: formatDay(p.periodStart, granularity), sales: p.salesCents / 100 }));
  }, [analytics, rangeFrom, rangeTo, granularity]);

  if (error) {
    // AppSync puts errorType on the error object itself (urql keeps it as an extra property).
    const unauthorized = error.graphQLErrors.some((e) => (e as unknown as { errorType?: string }).errorType === 'Unauthorized');
    return <p className="error">No se pudieron cargar las ventas: {unauthorized ? 'solo el personal puede verlas.' : 'inténtalo de nuevo.'}</p>;
  }
  if (!data && fetching) return <p className="muted">Cargando ventas…</p>;
  if (!analytics || !period || !range) {
    return (
      <div className="sales">
        <h1>Ventas</h1>
        <p className="muted">Todavía no hay cifras: el cálculo de ventas corre cada hora. Vuelve más tarde.</p>
      </div>
    );
  }

  const rangeFigures: Period | null = summed ?? lastRange;
  const rangeCurrent = rangeFigures !== null && rangeFigures.from === range.from && rangeFigures.to === range.to;
  // What the figures below show: the picked reporting period, or the free range as the API summed it.
  const view: Period | null = custom ? rangeFigures : period;
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    if (custom) refetchRange({ requestPolicy: 'network-only' });
  };
  const head = (
    <>
    <div className="sales-head">
      <h1>Ventas</h1>
      <div className="sales-controls">
        <label>
          Periodo
          <select value={custom ? CUSTOM : period.id} onChange={(e) => setPeriodId(e.target.value)} data-testid="period">
            {analytics.periods.map((p) => (
              <option key={p.id} value={p.id}>{PERIOD_LABELS[p.id] ?? p.id}</option>
            ))}
            {daySeries && <option value={CUSTOM}>Personalizado…</option>}
          </select>
        </label>
        {custom && daySeries && (
          <>
            <label>
              Desde
              <input
                type="date"
                value={range.from}
                min={daySeries.from}
                max={range.to}
                onChange={(e) => e.target.value && setCustomRange({ from: e.target.value, to: range.to })}
                data-testid="range-from"
              />
            </label>
            <label>
              Hasta
              <input
                type="date"
                value={range.to}
                min={range.from}
                max={daySeries.to}
                onChange={(e) => e.target.value && setCustomRange({ from: range.from, to: e.target.value })}
                data-testid="range-to"
              />
            </label>
          </>
        )}
        <label>
          Agrupar por
          <select value={granularity} onChange={(e) => setGranularity(e.target.value as SalesGranularity)} data-testid="granularity">
            {(Object.keys(GRANULARITY_LABELS) as SalesGranularity[]).map((g) => (
              <option key={g} value={g}>{GRANULARITY_LABELS[g]}</option>
            ))}
          </select>
        </label>
        <button className="secondary" onClick={refresh}>Actualizar</button>
      </div>
    </div>
    <p className="muted">
      Del {formatLongDate(range.from)} al {formatLongDate(range.to)} · cifras calculadas el{' '}
      {new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(analytics.generatedAt))} (se actualizan cada hora)
    </p>
    </>
  );
  if (!view) {
    return (
      <div className="sales">
        {head}
        {rangeResult.error ? (
          <p className="error" data-testid="range-error">
            No se pudieron calcular las cifras de estas fechas: elige días del {formatLongDate(daySeries?.from ?? range.from)} al{' '}
            {formatLongDate(daySeries?.to ?? range.to)} e inténtalo de nuevo.
          </p>
        ) : (
          <p className="muted" data-testid="range-loading">Sumando las cifras de estas fechas…</p>
        )}
      </div>
    );
  }

  const products = topTen(view.topProducts, ranking);
  const categories = topTen(view.topCategories, ranking).map((c) => ({ ...c, name: c.name || 'Sin categoría' }));
  const rx = view.prescription;
  const people = view.customers;
  const statusData = view.statuses.map((s) => ({ name: STATUS_LABELS[s.status], value: s.orders, color: STATUS_COLORS[s.status] }));
  const customerData = [
    { name: 'Nuevos', value: people.newCustomers, color: '#2f9e77' },
    { name: 'Recurrentes', value: people.returningCustomers, color: '#4a6fa5' },
  ];

  const seriesCsv = () =>
    downloadCsv(fileName(`ventas-por-${GRANULARITY_LABELS[granularity].toLowerCase()}`, range), points, [
      { header: 'Inicio del periodo', value: (p) => p.periodStart },
      { header: 'Pedidos', value: (p) => p.orders },
      { header: 'Cancelados', value: (p) => p.cancelledOrders },
      { header: 'Ventas (MXN)', value: (p) => (p.salesCents / 100).toFixed(2) },
      { header: 'Unidades', value: (p) => p.units },
      { header: 'Ticket promedio (MXN)', value: (p) => (p.averageBasketCents / 100).toFixed(2) },
    ]);
  const rankingColumns = <T extends { units: number; revenueCents: number; unitsRank: number; revenueRank: number }>(
    first: CsvColumn<T>[],
  ): CsvColumn<T>[] => [
    ...first,
    { header: 'Unidades', value: (r) => r.units },
    { header: 'Ingresos (MXN)', value: (r) => (r.revenueCents / 100).toFixed(2) },
    { header: 'Lugar por unidades', value: (r) => r.unitsRank },
    { header: 'Lugar por ingresos', value: (r) => r.revenueRank },
  ];

  return (
    <div className="sales">
      {head}
      {custom && (
        <p className="muted" data-testid="range-note">
          {rangeResult.error
            ? 'No se pudieron calcular las cifras de estas fechas. Inténtalo de nuevo.'
            : rangeCurrent
              ? 'Todas las cifras de estas fechas: la suma de sus días.'
              : 'Sumando las cifras de estas fechas…'}
        </p>
      )}
      <div className="kpis" data-testid="kpis">
        <Kpi label="Ventas" value={money(view.salesCents)} note="pedidos no cancelados, con envío" />
        <Kpi label="Pedidos" value={integer.format(view.orders)} note={`${integer.format(view.cancelledOrders)} cancelados`} />
        <Kpi label="Ticket promedio" value={money(view.averageBasketCents)} />
        <Kpi label="Tasa de cancelación" value={percent.format(view.cancellationRate)} />
        <Kpi label="Unidades vendidas" value={integer.format(view.units)} />
        <Kpi label="Pedidos con receta" value={share(rx.prescriptionOrders, rx.orders)} note={`${share(rx.prescriptionRevenueCents, rx.revenueCents)} de los ingresos`} />
        <Kpi label="Clientes" value={integer.format(people.customers)} note={`${integer.format(people.newCustomers)} nuevos · ${integer.format(people.returningCustomers)} recurrentes`} />
      </div>

      <Section title={`Ventas y pedidos por ${GRANULARITY_LABELS[granularity].toLowerCase()}`} csv={seriesCsv}>
        {points.length === 0 ? (
          <p className="muted">Sin pedidos en estas fechas.</p>
        ) : (
          <div className="chart tall">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="#eef1f3" vertical={false} />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={12} />
                <YAxis yAxisId="sales" tickFormatter={(v: number) => pesos.format(v)} tick={{ fontSize: 12 }} width={80} />
                <YAxis yAxisId="orders" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
                <Tooltip formatter={(value, name) => (name === 'Ventas' ? pesosExact.format(Number(value)) : integer.format(Number(value)))} />
                <Legend />
                <Bar yAxisId="sales" dataKey="sales" name="Ventas" fill="#0b6e4f" radius={[4, 4, 0, 0]} />
                <Line yAxisId="orders" dataKey="orders" name="Pedidos" stroke="#f2a541" strokeWidth={2} dot={points.length < 40} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        )}
      </Section>

      <div className="panel-grid">
        <Section
          title="Pedidos por estado"
          csv={() =>
            downloadCsv(fileName('pedidos-por-estado', view), view.statuses, [
              { header: 'Estado', value: (s) => STATUS_LABELS[s.status] },
              { header: 'Pedidos', value: (s) => s.orders },
            ])
          }
        >
          {statusData.length === 0 ? (
            <p className="muted">Sin pedidos.</p>
          ) : (
            <>
              <CountDonut slices={statusData} />
              <p className="muted">Tasa de cancelación: {percent.format(view.cancellationRate)} ({integer.format(view.cancelledOrders)} de {integer.format(view.orders)})</p>
            </>
          )}
        </Section>

        <Section
          title="Clientes nuevos y recurrentes"
          csv={() =>
            downloadCsv(fileName('clientes', view), [people], [
              { header: 'Clientes', value: (c) => c.customers },
              { header: 'Nuevos', value: (c) => c.newCustomers },
              { header: 'Recurrentes', value: (c) => c.returningCustomers },
              { header: 'Pedidos de clientes nuevos', value: (c) => c.newCustomerOrders },
              { header: 'Pedidos de clientes recurrentes', value: (c) => c.returningCustomerOrders },
            ])
          }
        >
          {people.customers === 0 ? (
            <p className="muted">Sin clientes en este periodo.</p>
          ) : (
            <>
              <CountDonut slices={customerData} />
              <p className="muted">
                Pedidos de clientes nuevos: {integer.format(people.newCustomerOrders)} · de recurrentes: {integer.format(people.returningCustomerOrders)}
              </p>
            </>
          )}
        </Section>
      </div>

      <div className="ranking-switch tabs" role="group" aria-label="Ordenar productos y categorías">
        <button className={ranking === 'revenue' ? 'active' : ''} onClick={() => setRanking('revenue')}>Por ingresos</button>
        <button className={ranking === 'units' ? 'active' : ''} onClick={() => setRanking('units')}>Por unidades</button>
      </div>
      <div className="panel-grid">
        <Section
          title="Productos más vendidos"
          csv={() =>
            downloadCsv(
              fileName('productos', view),
              view.topProducts,
              rankingColumns([
                { header: 'SKU', value: (p) => p.sku },
                { header: 'Producto', value: (p) => p.name },
              ]),
            )
          }
        >
          {products.length === 0 ? (
            <p className="muted">Sin ventas.</p>
          ) : (
            <RankingBars rows={products} ranking={ranking} />
          )}
        </Section>

        <Section
          title="Categorías"
          csv={() =>
            downloadCsv(
              fileName('categorias', view),
              view.topCategories,
              rankingColumns([{ header: 'Categoría', value: (c) => c.name || 'Sin categoría' }]),
            )
          }
        >
          {categories.length === 0 ? (
            <p className="muted">Sin ventas.</p>
          ) : (
            <RankingBars rows={categories} ranking={ranking} colored />
          )}
        </Section>
      </div>

      <div className="panel-grid">
        <Section
          title="Ventas por estado de envío"
          csv={() =>
            downloadCsv(fileName('ventas-por-estado', view), view.states, [
              { header: 'Estado', value: (s) => s.state },
              { header: 'Pedidos', value: (s) => s.orders },
              { header: 'Ventas (MXN)', value: (s) => (s.salesCents / 100).toFixed(2) },
            ])
          }
        >
          {view.states.length === 0 ? (
            <p className="muted">Sin ventas.</p>
          ) : (
            <table className="compact">
              <thead><tr><th>Estado</th><th className="num">Pedidos</th><th className="num">Ventas</th><th className="num">%</th></tr></thead>
              <tbody>
                {view.states.map((s) => (
                  <tr key={s.state}>
                    <td>{s.state}</td>
                    <td className="num">{integer.format(s.orders)}</td>
                    <td className="num">{moneyShort(s.salesCents)}</td>
                    <td className="num">{share(s.salesCents, view.salesCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>

        <Section
          title="Medicamentos con receta"
          csv={() =>
            downloadCsv(fileName('receta', view), [rx], [
              { header: 'Pedidos', value: (r) => r.orders },
              { header: 'Pedidos con receta', value: (r) => r.prescriptionOrders },
              { header: 'Unidades', value: (r) => r.units },
              { header: 'Unidades con receta', value: (r) => r.prescriptionUnits },
              { header: 'Ingresos (MXN)', value: (r) => (r.revenueCents / 100).toFixed(2) },
              { header: 'Ingresos con receta (MXN)', value: (r) => (r.prescriptionRevenueCents / 100).toFixed(2) },
            ])
          }
        >
          <table className="compact">
            <thead><tr><th><span className="visually-hidden">Medida</span></th><th className="num">Con receta</th><th className="num">Total</th><th className="num">%</th></tr></thead>
            <tbody>
              <tr><td>Pedidos</td><td className="num">{integer.format(rx.prescriptionOrders)}</td><td className="num">{integer.format(rx.orders)}</td><td className="num">{share(rx.prescriptionOrders, rx.orders)}</td></tr>
              <tr><td>Unidades</td><td className="num">{integer.format(rx.prescriptionUnits)}</td><td className="num">{integer.format(rx.units)}</td><td className="num">{share(rx.prescriptionUnits, rx.units)}</td></tr>
              <tr><td>Ingresos</td><td className="num">{moneyShort(rx.prescriptionRevenueCents)}</td><td className="num">{moneyShort(rx.revenueCents)}</td><td className="num">{share(rx.prescriptionRevenueCents, rx.revenueCents)}</td></tr>
            </tbody>
          </table>
        </Section>
      </div>
    </div>
  );
}

/** First day of the next day/week/month after `start` (YYYY-MM-DD). */
function nextStart(start: string, granularity: SalesGranularity): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (granularity === 'DAY') d.setUTCDate(d.getUTCDate() + 1);
  else if (granularity === 'WEEK') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
