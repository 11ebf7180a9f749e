/**
 * Staff: the point-of-sale catalog import from the browser.
 *
 * /personal/importaciones: pick the .DBF, which goes straight to S3 (a presigned POST the API hands out), and
 * the history of imports (who, when, file, counts). /personal/importaciones/<id>: one import, polled while
 * the server works on it — the check (CHECKING), the preview to confirm (PREVIEW: new products, changes field
 * by field, rejected rows with reasons, warnings, active products not in the file), or the Spanish refusal
 * (REFUSED, with a "read it as cp850" button for a wrong code page); after confirming, the live progress
 * (IMPORTING) and the report (IMPORTED), where staff may deactivate the active products the file lacks.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { CatalogImportDetailQuery, CatalogImportStatus, StaffCatalogImportsQuery } from '../gql/graphql';
import { errorMessage } from '../errors';
import { formatDateTime } from '../money';
import { usePageTitle } from '../page';
import { href, navigate } from '../router';
import { StaffNav } from './StaffNav';
import { Confirm } from './StaffProductEditor';
import { fieldLabelEs } from '../../../model/catalog-field-labels';

const CreateUploadMutation = graphql(`
  mutation StaffCreateCatalogImportUpload($fileName: String!, $sizeBytes: Int!) {
    createCatalogImportUpload(fileName: $fileName, sizeBytes: $sizeBytes) { id url fields maxBytes }
  }
`);

const HistoryQuery = graphql(`
  query StaffCatalogImports($nextToken: String) {
    catalogImports(limit: 20, nextToken: $nextToken) {
      items {
        id fileName status createdAt finishedAt uploadedBy confirmedBy
        counts { rowsRead created updated unchanged rejected }
      }
      nextToken
    }
  }
`);

const ImportQuery = graphql(`
  query CatalogImportDetail($id: ID!) {
    catalogImport(id: $id) {
      id fileName sizeBytes status createdAt updatedAt uploadedBy confirmedBy confirmedAt finishedAt codepage recordCount written failure
      progress { phase percent recordsDone recordsTotal rowsRead created updated unchanged rejected }
      counts { rowsRead created updated unchanged rejected warnings notInFile deletedRecords }
      refusal { kind message details suggestedCodepage examples { asRead withSuggested } }
      created { recordNumber sku name }
      updated { recordNumber sku productId name fields { field before after } }
      rejectedRows { recordNumber sku reasons }
      warnings { recordNumber sku message }
      notInFile { productId sku name }
    }
  }
`);

const ConfirmMutation = graphql(`
  mutation StaffConfirmCatalogImport($id: ID!) {
    confirmCatalogImport(id: $id) { id status }
  }
`);

const RecheckMutation = graphql(`
  mutation StaffRecheckCatalogImport($id: ID!, $codepage: String!) {
    recheckCatalogImport(id: $id, codepage: $codepage) { id status }
  }
`);

const DeactivateMutation = graphql(`
  mutation StaffDeactivateMissingProduct($id: ID!) {
    setProductActive(id: $id, active: false) { id active }
  }
`);

type CatalogImport = NonNullable<CatalogImportDetailQuery['catalogImport']>;
type HistoryItem = StaffCatalogImportsQuery['catalogImports']['items'][number];

const STATUS_LABELS: Record<CatalogImportStatus, string> = {
  UPLOADING: 'Subiendo',
  CHECKING: 'Revisando el archivo',
  PREVIEW: 'Vista previa: falta confirmar',
  REFUSED: 'Rechazado: no se importó nada',
  IMPORTING: 'Importando',
  IMPORTED: 'Importado',
  FAILED: 'Interrumpido: reintentando',
};

const number = (value: number) => value.toLocaleString('es-MX');

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${number(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('es-MX', { maximumFractionDigits: 1 })} MB`;
}

/** Sends the file as the presigned POST asks: its fields in order, then the file. */
async function postFile(url: string, fields: string, file: File): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(JSON.parse(fields) as Record<string, string>)) form.append(name, value);
  form.append('file', file, file.name);
  const response = await fetch(url, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`upload refused: ${response.status}`);
}

/** /personal/importaciones: upload a .DBF and the history of imports. */
export function StaffImports() {
  usePageTitle('Importar catálogo (personal)');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, createUpload] = useMutation(CreateUploadMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!file) return setProblem('Elige el archivo .DBF del catálogo que exportó el punto de venta.');
    if (!/\.dbf$/i.test(file.name)) return setProblem(`«${file.name}» no es un archivo .DBF. Elige el catálogo que exporta el punto de venta (por ejemplo PRODUCTOS.DBF).`);
    if (file.size === 0) return setProblem('El archivo está vacío.');
    setBusy(true);
    try {
      const created = await createUpload({ fileName: file.name, sizeBytes: file.size });
      if (created.error || !created.data) {
        setProblem(errorMessage(created.error, { action: 'No pudimos preparar la subida del archivo.' }));
        return;
      }
      const upload = created.data.createCatalogImportUpload;
      if (file.size > upload.maxBytes) {
        setProblem(`El archivo pesa ${sizeText(file.size)}; el máximo es ${sizeText(upload.maxBytes)}.`);
        return;
      }
      await postFile(upload.url, upload.fields, file);
      navigate(`/personal/importaciones/${upload.id}`);
    } catch {
      setProblem('No pudimos subir el archivo. Revisa tu conexión e inténtalo de nuevo.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="imports">
      <h1>Importar catálogo del punto de venta</h1>
      <StaffNav current="importaciones" />
      <form className="editor" onSubmit={(e) => void submit(e)} aria-label="Subir catálogo">
        <h2>Subir archivo</h2>
        <p className="muted">
          Sube el catálogo de artículos tal como lo exporta el punto de venta (archivo .DBF). Primero verás qué cambiaría
          —productos nuevos, cambios, filas con errores— y nada se guarda hasta que confirmes.
        </p>
        <label>
          Archivo .DBF
          <input
            type="file"
            name="file"
            accept=".dbf,.DBF"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'import-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setProblem(null);
            }}
          />
        </label>
        {file && <p className="muted">{file.name} · {sizeText(file.size)}</p>}
        {problem && <p className="error" role="alert" id="import-file-error">{problem}</p>}
        <div>
          <button type="submit" disabled={busy}>{busy ? 'Subiendo…' : 'Subir y revisar'}</button>
        </div>
      </form>
      <ImportHistory />
    </div>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${number(count)} ${count === 1 ? one : many}`;
}

function countsText(counts: { created: number; updated: number; rejected: number } | null | undefined): string {
  if (!counts) return '—';
  return `${plural(counts.created, 'nuevo', 'nuevos')} · ${plural(counts.updated, 'actualizado', 'actualizados')} · ${plural(counts.rejected, 'rechazado', 'rechazados')}`;
}

function ImportHistory() {
  const client = useClient();
  const [pages, setPages] = useState<{ items: HistoryItem[]; nextToken: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  async function load(nextToken: string | null) {
    setLoading(true);
    const result = await client.query(HistoryQuery, { nextToken }, { requestPolicy: 'network-only' }).toPromise();
    setLoading(false);
    if (result.error || !result.data) return setError(result.error ?? new Error('no data'));
    const page = result.data.catalogImports;
    setPages((previous) => ({ items: [...(nextToken && previous ? previous.items : []), ...page.items], nextToken: page.nextToken ?? null }));
  }
  useEffect(() => {
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section className="panel imports-history" aria-labelledby="imports-history-title" aria-busy={loading}>
      <h2 id="imports-history-title">Importaciones anteriores</h2>
      {error !== null && <p className="error" role="alert">{errorMessage(error, { action: 'No pudimos cargar las importaciones.' })}</p>}
      {pages && pages.items.length === 0 && <p className="muted">Aún no se ha importado ningún catálogo desde aquí.</p>}
      {pages && pages.items.length > 0 && (
        <table className="stack compact">
          <thead>
            <tr><th>Archivo</th><th>Fecha</th><th>Subió</th><th>Confirmó</th><th>Estado</th><th>Filas</th><th>Resultado</th></tr>
          </thead>
          <tbody>
            {pages.items.map((item) => (
              <tr key={item.id}>
                <td><a href={href(`/personal/importaciones/${item.id}`)}>{item.fileName}</a></td>
                <td data-label="Fecha">{formatDateTime(item.createdAt)}</td>
                <td data-label="Subió">{item.uploadedBy}</td>
                <td data-label="Confirmó">{item.confirmedBy ?? '—'}</td>
                <td data-label="Estado">{STATUS_LABELS[item.status]}</td>
                <td data-label="Filas" className="num">{item.counts ? number(item.counts.rowsRead) : '—'}</td>
                <td data-label="Resultado">{countsText(item.counts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages?.nextToken && <button type="button" className="more" disabled={loading} onClick={() => void load(pages.nextToken)}>Ver más</button>}
    </section>
  );
}

const WORKING: readonly CatalogImportStatus[] = ['UPLOADING', 'CHECKING', 'IMPORTING', 'FAILED'];

/** /personal/importaciones/<id>: one import, polled every 1.5 s while the server works on it. */
export function StaffImport({ id }: { id: string }) {
  usePageTitle('Importación de catálogo (personal)');
  const [{ data, error, fetching }, refetch] = useQuery({ query: ImportQuery, variables: { id }, requestPolicy: 'network-only' });
  const item = data?.catalogImport ?? null;
  const working = item ? WORKING.includes(item.status) : true;
  useEffect(() => {
    if (!working) return;
    // urql keeps refetch the same function while the query and its variables stay the same.
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 1500);
    return () => clearInterval(timer);
  }, [working, refetch]);

  return (
    <div className="imports">
      <h1>Importación de catálogo</h1>
      <StaffNav current="importaciones" />
      <p><a href={href('/personal/importaciones')}>← Importar otro archivo / ver el historial</a></p>
      {error && !item && <p className="error" role="alert">{errorMessage(error, { action: 'No pudimos cargar la importación.' })}</p>}
      {!item && !error && (fetching || !data) && <p role="status">Cargando…</p>}
      {data && !item && <p className="error" role="alert">No encontramos esta importación.</p>}
      {item && <ImportView item={item} onChanged={() => refetch({ requestPolicy: 'network-only' })} />}
    </div>
  );
}

function ImportView({ item, onChanged }: { item: CatalogImport; onChanged(): void }) {
  return (
    <>
      <section className="panel" aria-labelledby="import-file-title">
        <div className="panel-head">
          <h2 id="import-file-title">{item.fileName}</h2>
          <span className={`badge status-${item.status.toLowerCase()}`} data-testid="import-status">{STATUS_LABELS[item.status]}</span>
        </div>
        <p className="muted">
          {sizeText(item.sizeBytes)} · subido por {item.uploadedBy} el {formatDateTime(item.createdAt)}
          {item.confirmedBy && item.confirmedAt ? <> · confirmado por {item.confirmedBy} el {formatDateTime(item.confirmedAt)}</> : null}
          {item.recordCount !== null && item.recordCount !== undefined ? <> · {number(item.recordCount)} registros</> : null}
          {item.codepage ? <> · texto leído como {item.codepage}</> : null}
        </p>
      </section>
      {item.status === 'UPLOADING' && <p role="status">Esperando el archivo…</p>}
      {(item.status === 'CHECKING' || item.status === 'IMPORTING' || item.status === 'FAILED') && <ImportProgress item={item} />}
      {item.status === 'REFUSED' && <Refusal item={item} onChanged={onChanged} />}
      {item.status === 'PREVIEW' && <Preview item={item} onChanged={onChanged} />}
      {item.status === 'IMPORTED' && <Report item={item} />}
    </>
  );
}

function ImportProgress({ item }: { item: CatalogImport }) {
  const progress = item.progress;
  const importing = item.status === 'IMPORTING' || item.status === 'FAILED';
  const title = importing ? 'Importando…' : 'Revisando el archivo…';
  return (
    <section className="panel" aria-labelledby="import-progress-title">
      <h2 id="import-progress-title">{title}</h2>
      {item.status === 'FAILED' && item.failure && <p className="notice" role="alert">{item.failure}</p>}
      <progress max={100} value={progress?.percent ?? 0} aria-labelledby="import-progress-title" className="import-progress" />
      <p role="status" aria-live="polite" data-testid="import-progress">
        {progress
          ? <>
              {number(Math.round(progress.percent))} % · {progress.phase === 'CHECKING' ? 'revisando' : importing ? 'importando' : 'comparando'}
              {progress.recordsTotal > 0 ? <> registro {number(progress.recordsDone)} de {number(progress.recordsTotal)}</> : null}
            </>
          : 'Empezando…'}
      </p>
      {importing && progress && progress.phase === 'IMPORTING' && (
        <dl className="import-counts">
          <div><dt>Filas leídas</dt><dd>{number(progress.rowsRead)}</dd></div>
          <div><dt>Importadas</dt><dd>{number(progress.created + progress.updated)}</dd></div>
          <div><dt>Sin cambios</dt><dd>{number(progress.unchanged)}</dd></div>
          <div><dt>Rechazadas</dt><dd>{number(progress.rejected)}</dd></div>
        </dl>
      )}
    </section>
  );
}

function Refusal({ item, onChanged }: { item: CatalogImport; onChanged(): void }) {
  const refusal = item.refusal;
  const [state, recheck] = useMutation(RecheckMutation);
  if (!refusal) return null;
  const suggested = refusal.suggestedCodepage;
  return (
    <section className="panel refusal" aria-labelledby="refusal-title">
      <h2 id="refusal-title">No se puede importar este archivo</h2>
      <p className="error" role="alert">{refusal.message}</p>
      {refusal.details.length > 0 && <ul>{refusal.details.map((detail) => <li key={detail}>{detail}</li>)}</ul>}
      {refusal.examples.length > 0 && (
        <table className="stack compact">
          <thead><tr><th>Como se lee ahora</th><th>Como se leería con {suggested}</th></tr></thead>
          <tbody>
            {refusal.examples.map((example) => (
              <tr key={example.asRead}><td>{example.asRead}</td><td data-label={`Con ${suggested ?? ''}`}>{example.withSuggested}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {suggested && (
        <div className="staff-actions">
          <button
            type="button"
            disabled={state.fetching}
            onClick={() => void recheck({ id: item.id, codepage: suggested }).then((result) => {
              if (!result.error) onChanged();
            })}
          >
            Revisar de nuevo leyéndolo como {suggested}
          </button>
        </div>
      )}
      {state.error && <p className="error" role="alert">{errorMessage(state.error, { action: 'No pudimos volver a revisar el archivo.' })}</p>}
      <p><a className="button" href={href('/personal/importaciones')}>Subir otro archivo</a></p>
    </section>
  );
}

function Counts({ counts, preview }: { counts: NonNullable<CatalogImport['counts']>; preview: boolean }) {
  const entries: [string, number][] = [
    [preview ? 'Nuevos' : 'Creados', counts.created],
    [preview ? 'Con cambios' : 'Actualizados', counts.updated],
    ['Sin cambios', counts.unchanged],
    ['Filas rechazadas', counts.rejected],
    ['Advertencias', counts.warnings],
    ['Activos que no vienen en el archivo', counts.notInFile],
  ];
  return (
    <dl className="import-counts" data-testid="import-counts">
      <div><dt>Filas leídas</dt><dd>{number(counts.rowsRead)}</dd></div>
      {entries.map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{number(value)}</dd></div>)}
    </dl>
  );
}

/** The first `shown` entries, and a button for the rest. */
function useShowAll(total: number, shown = 20) {
  const [all, setAll] = useState(false);
  return { limit: all ? total : shown, more: !all && total > shown ? () => setAll(true) : null };
}

function MoreNote({ listed, total, what }: { listed: number; total: number; what: string }) {
  if (total <= listed) return null;
  return <p className="muted">Se muestran {number(listed)} de {number(total)} {what}; el informe completo queda guardado con la importación.</p>;
}

function RejectedRows({ item }: { item: CatalogImport }) {
  const list = useShowAll(item.rejectedRows.length);
  if (!item.counts || item.counts.rejected === 0) return null;
  return (
    <section className="panel" aria-labelledby="rejected-title">
      <h2 id="rejected-title">Filas rechazadas ({number(item.counts.rejected)}): no se importan</h2>
      <p className="muted">Corrígelas en el punto de venta y vuelve a importar el archivo; las demás filas sí se importan.</p>
      <table className="stack compact">
        <thead><tr><th>Registro</th><th>CLAVE</th><th>Motivos</th></tr></thead>
        <tbody>
          {item.rejectedRows.slice(0, list.limit).map((row) => (
            <tr key={row.recordNumber}>
              <td>Registro {number(row.recordNumber)}</td>
              <td data-label="CLAVE">{row.sku ?? '(sin CLAVE)'}</td>
              <td data-label="Motivos"><ul className="reasons">{row.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul></td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.more && <button type="button" className="secondary" onClick={list.more}>Ver todas</button>}
      <MoreNote listed={item.rejectedRows.length} total={item.counts.rejected} what="filas rechazadas" />
    </section>
  );
}

function Warnings({ item }: { item: CatalogImport }) {
  if (item.warnings.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Advertencias ({number(item.counts?.warnings ?? item.warnings.length)})</h2>
      <ul>
        {item.warnings.map((warning) => (
          <li key={`${warning.recordNumber}-${warning.message}`}>Registro {number(warning.recordNumber)}{warning.sku ? `, CLAVE ${warning.sku}` : ''}: {warning.message}</li>
        ))}
      </ul>
    </section>
  );
}

function Preview({ item, onChanged }: { item: CatalogImport; onChanged(): void }) {
  const counts = item.counts;
  const [asking, setAsking] = useState(false);
  const [state, confirm] = useMutation(ConfirmMutation);
  const created = useShowAll(item.created.length);
  const updated = useShowAll(item.updated.length, 10);
  if (!counts) return null;
  const changes = counts.created + counts.updated;
  return (
    <>
      <section className="panel" aria-labelledby="preview-title">
        <h2 id="preview-title">Vista previa: todavía no se ha guardado nada</h2>
        <Counts counts={counts} preview />
        {changes > 0 ? (
          <div className="staff-actions">
            <button type="button" onClick={() => setAsking(true)} disabled={state.fetching}>Confirmar importación</button>
            <a className="button secondary-link" href={href('/personal/importaciones')}>Cancelar</a>
          </div>
        ) : (
          <p className="notice ok">El archivo no trae cambios para el catálogo: no hay nada que importar.</p>
        )}
        {state.error && <p className="error" role="alert">{errorMessage(state.error, { action: 'No pudimos confirmar la importación.' })}</p>}
      </section>
      <Confirm
        open={asking}
        title="¿Importar el catálogo?"
        text={`Se crearán ${number(counts.created)} productos y se actualizarán ${number(counts.updated)}. ${counts.rejected > 0 ? `Las ${number(counts.rejected)} filas rechazadas no se importan. ` : ''}Los productos que no vienen en el archivo no se tocan.`}
        confirm="Sí, importar"
        onClose={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void confirm({ id: item.id }).then((result) => {
            if (!result.error) onChanged();
          });
        }}
      />
      {counts.created > 0 && (
        <section className="panel" aria-labelledby="created-title">
          <h2 id="created-title">Productos nuevos ({number(counts.created)})</h2>
          <table className="stack compact">
            <thead><tr><th>Nombre</th><th>CLAVE</th><th>Registro</th></tr></thead>
            <tbody>
              {item.created.slice(0, created.limit).map((product) => (
                <tr key={product.sku}><td>{product.name}</td><td data-label="CLAVE">{product.sku}</td><td data-label="Registro" className="num">{number(product.recordNumber)}</td></tr>
              ))}
            </tbody>
          </table>
          {created.more && <button type="button" className="secondary" onClick={created.more}>Ver todos</button>}
          <MoreNote listed={item.created.length} total={counts.created} what="productos nuevos" />
        </section>
      )}
      {counts.updated > 0 && (
        <section className="panel" aria-labelledby="updated-title">
          <h2 id="updated-title">Productos con cambios ({number(counts.updated)})</h2>
          {item.updated.slice(0, updated.limit).map((product) => (
            <article key={product.sku} className="change">
              <h3><a href={href(`/personal/productos/${product.productId}`)}>{product.name}</a> <span className="muted">CLAVE {product.sku}</span></h3>
              <table className="stack compact">
                <thead><tr><th>Dato</th><th>Antes</th><th>Después</th></tr></thead>
                <tbody>
                  {product.fields.map((field) => (
                    <tr key={field.field}>
                      <td>{fieldLabelEs(field.field)}</td>
                      <td data-label="Antes">{field.before}</td>
                      <td data-label="Después"><strong>{field.after}</strong></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          ))}
          {updated.more && <button type="button" className="secondary" onClick={updated.more}>Ver todos</button>}
          <MoreNote listed={item.updated.length} total={counts.updated} what="productos con cambios" />
        </section>
      )}
      <RejectedRows item={item} />
      <Warnings item={item} />
      {counts.notInFile > 0 && (
        <section className="panel" aria-labelledby="missing-preview-title">
          <h2 id="missing-preview-title">Activos que no vienen en el archivo ({number(counts.notInFile)})</h2>
          <p className="muted">La importación no los toca. Después de importar podrás elegir cuáles desactivar.</p>
          <ul>{item.notInFile.slice(0, 20).map((product) => <li key={product.productId}>{product.name} <span className="muted">CLAVE {product.sku}</span></li>)}</ul>
          <MoreNote listed={Math.min(20, item.notInFile.length)} total={counts.notInFile} what="productos" />
        </section>
      )}
    </>
  );
}

function Report({ item }: { item: CatalogImport }) {
  const counts = item.counts;
  return (
    <>
      <section className="panel" aria-labelledby="report-title">
        <h2 id="report-title">Informe de la importación</h2>
        <p className="notice ok" role="status">
          Importación terminada{item.finishedAt ? ` (${formatDateTime(item.finishedAt)})` : ''}. Se guardó: {item.written}
        </p>
        {counts && <Counts counts={counts} preview={false} />}
      </section>
      <RejectedRows item={item} />
      <Warnings item={item} />
      <MissingProducts item={item} />
    </>
  );
}

/** Active products the file lacks: staff choose which to deactivate, confirm, and see each one done. */
function MissingProducts({ item }: { item: CatalogImport }) {
  const client = useClient();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [failed, setFailed] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const total = item.counts?.notInFile ?? item.notInFile.length;
  if (total === 0) return null;
  const pending = item.notInFile.filter((product) => chosen.has(product.productId) && !done.has(product.productId));

  async function deactivate() {
    setAsking(false);
    setWorking(true);
    setFailed(null);
    for (const product of pending) {
      const result = await client.mutation(DeactivateMutation, { id: product.productId }).toPromise();
      if (result.error) {
        setFailed(`No pudimos desactivar ${product.name}: ${errorMessage(result.error)}`);
        break;
      }
      setDone((previous) => new Set([...previous, product.productId]));
    }
    setChosen(new Set());
    setWorking(false);
  }

  const toggle = (id: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectable = item.notInFile.filter((product) => !done.has(product.productId));

  return (
    <section className="panel" aria-labelledby="missing-title">
      <h2 id="missing-title">Productos activos que no vienen en el archivo ({number(total)})</h2>
      <p className="muted">
        Siguen a la venta: la importación no borra ni desactiva nada. Elige los que ya no se venden y desactívalos
        (dejan de verse en la tienda; se pueden volver a activar desde Productos).
      </p>
      <div className="staff-actions">
        <button type="button" className="secondary" disabled={working || selectable.length === 0} onClick={() => setChosen(new Set(selectable.map((p) => p.productId)))}>
          Elegir todos
        </button>
        <button type="button" className="secondary" disabled={working || chosen.size === 0} onClick={() => setChosen(new Set())}>Quitar selección</button>
        <button type="button" className="danger" disabled={working || pending.length === 0} onClick={() => setAsking(true)}>
          {working ? 'Desactivando…' : `Desactivar los elegidos (${number(pending.length)})`}
        </button>
      </div>
      <ul className="missing-list">
        {item.notInFile.map((product) => (
          <li key={product.productId}>
            <label className="check-row">
              <input
                type="checkbox"
                checked={chosen.has(product.productId) || done.has(product.productId)}
                disabled={working || done.has(product.productId)}
                onChange={(e) => toggle(product.productId, e.target.checked)}
              />
              <span>
                <a href={href(`/personal/productos/${product.productId}`)}>{product.name}</a> <span className="muted">CLAVE {product.sku}</span>
                {done.has(product.productId) && <strong className="ok"> · Desactivado</strong>}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <MoreNote listed={item.notInFile.length} total={total} what="productos" />
      {done.size > 0 && !working && <p className="notice ok" role="status">{done.size === 1 ? 'Se desactivó 1 producto.' : `Se desactivaron ${number(done.size)} productos.`}</p>}
      {failed && <p className="error" role="alert">{failed}</p>}
      <Confirm
        open={asking}
        title="¿Desactivar estos productos?"
        text={`Se desactivarán ${number(pending.length)} productos: ${pending.slice(0, 5).map((p) => p.name).join(', ')}${pending.length > 5 ? ' y otros' : ''}. Dejarán de verse en la tienda.`}
        confirm="Sí, desactivar"
        danger
        onClose={() => setAsking(false)}
        onConfirm={() => void deactivate()}
      />
    </section>
  );
}
