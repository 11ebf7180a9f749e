/**
 * Staff: the product's photo in the editor — see it, pick a JPEG, PNG or WebP of up to 5 MB (checked here, then by
 * S3's signed policy, then from its bytes by the product-image Lambda), see it before sending, upload it straight
 * to S3 with the presigned POST the API hands out (createProductImageUpload), and follow it until the shop's sizes
 * are made (productImageUpload: READY, or REFUSED with the reason). Picking another photo replaces it.
 */
import { useEffect, useRef, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { graphql } from '../gql';
import { errorMessage } from '../errors';
import { ProductImage, type ImageSizeOption } from './ProductImage';

const CreateUploadMutation = graphql(`
  mutation StaffCreateProductImageUpload($productId: ID!, $contentType: String!, $sizeBytes: Int!) {
    createProductImageUpload(productId: $productId, contentType: $contentType, sizeBytes: $sizeBytes) { id url fields maxBytes }
  }
`);

const UploadStateQuery = graphql(`
  query StaffProductImageUploadState($id: ID!) {
    productImageUpload(id: $id) { id status reason imageUrl }
  }
`);

/** The largest photo (model/product-image.ts MAX_PRODUCT_IMAGE_BYTES), to say so before uploading. */
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

type Phase = { kind: 'idle' } | { kind: 'chosen' } | { kind: 'uploading' } | { kind: 'processing' } | { kind: 'done' } | { kind: 'refused'; reason: string } | { kind: 'error'; message: string };

export function ProductImageUpload({ product, onChanged }: {
  product: { id: string; name: string; imageUrl?: string | null; imageSizes?: readonly ImageSizeOption[] | null };
  onChanged(): void;
}) {
  const client = useClient();
  const [, createUpload] = useMutation(CreateUploadMutation);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  function choose(chosen: File | null) {
    setProblem(null);
    setPhase({ kind: 'idle' });
    setFile(null);
    setPreview(null);
    if (!chosen) return;
    if (!TYPES.includes(chosen.type)) return setProblem('La foto debe ser JPEG, PNG o WebP.');
    if (chosen.size > MAX_BYTES) return setProblem(`La foto pesa ${(chosen.size / 1024 / 1024).toLocaleString('es-MX', { maximumFractionDigits: 1 })} MB; el máximo es 5 MB.`);
    if (chosen.size === 0) return setProblem('El archivo está vacío.');
    setFile(chosen);
    setPreview(URL.createObjectURL(chosen));
    setPhase({ kind: 'chosen' });
  }

  async function upload() {
    if (!file) return;
    setPhase({ kind: 'uploading' });
    const created = await createUpload({ productId: product.id, contentType: file.type, sizeBytes: file.size });
    if (created.error || !created.data) {
      setPhase({ kind: 'error', message: errorMessage(created.error, { action: 'No pudimos preparar la subida de la foto.' }) });
      return;
    }
    const { id, url, fields } = created.data.createProductImageUpload;
    const form = new FormData();
    for (const [name, value] of Object.entries(JSON.parse(fields) as Record<string, string>)) form.append(name, value);
    form.append('file', file, file.name);
    try {
      const response = await fetch(url, { method: 'POST', body: form });
      if (!response.ok) throw new Error(String(response.status));
    } catch {
      setPhase({ kind: 'error', message: 'No pudimos subir la foto. Revisa tu conexión e inténtalo de nuevo.' });
      return;
    }
    setPhase({ kind: 'processing' });
    // The sizes are made in a few seconds; give up waiting (not the upload) after two minutes.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const state = await client.query(UploadStateQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      const status = state.data?.productImageUpload?.status;
      if (status === 'READY') {
        setPhase({ kind: 'done' });
        setFile(null);
        setPreview(null);
        if (input.current) input.current.value = '';
        onChanged();
        return;
      }
      if (status === 'REFUSED') {
        setPhase({ kind: 'refused', reason: state.data?.productImageUpload?.reason ?? 'El archivo no es una foto que podamos usar.' });
        return;
      }
    }
    setPhase({ kind: 'error', message: 'La foto sigue procesándose. Vuelve a cargar la página en un momento.' });
  }

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  return (
    <section className="editor photo" aria-labelledby="photo-title">
      <h2 id="photo-title">Foto del producto</h2>
      <div className="photo-row">
        <figure>
          <ProductImage name={product.name} imageUrl={product.imageUrl} imageSizes={product.imageSizes ?? null} size="detail" eager />
          <figcaption className="muted">{product.imageUrl ? 'Foto actual' : 'Sin foto'}</figcaption>
        </figure>
        {preview && (
          <figure>
            <div className="thumb thumb-detail"><img src={preview} alt={`Foto nueva elegida para ${product.name}`} /></div>
            <figcaption className="muted">Foto nueva (aún no se guarda)</figcaption>
          </figure>
        )}
      </div>
      <label>
        {product.imageUrl ? 'Reemplazar la foto (JPEG, PNG o WebP, hasta 5 MB)' : 'Subir una foto (JPEG, PNG o WebP, hasta 5 MB)'}
        <input ref={input} type="file" name="photo" accept="image/jpeg,image/png,image/webp" disabled={busy} onChange={(e) => choose(e.target.files?.[0] ?? null)} />
      </label>
      {problem && <p className="error" role="alert">{problem}</p>}
      {file && phase.kind !== 'refused' && (
        <p><button type="button" disabled={busy} onClick={() => void upload()}>{busy ? 'Subiendo…' : 'Subir esta foto'}</button></p>
      )}
      <p role="status" aria-live="polite" data-testid="photo-status">
        {phase.kind === 'uploading' && 'Subiendo la foto…'}
        {phase.kind === 'processing' && 'Preparando los tamaños de la tienda…'}
        {phase.kind === 'done' && 'Foto actualizada: la tienda ya la muestra.'}
      </p>
      {phase.kind === 'refused' && <p className="error" role="alert">No se usó la foto: {phase.reason}</p>}
      {phase.kind === 'error' && <p className="error" role="alert">{phase.message}</p>}
    </section>
  );
}
