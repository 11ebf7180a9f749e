/**
 * Catalog imports from the back office (staff upload a point-of-sale .DBF from the browser): where the file
 * goes in the data bucket, the table items that record each import (state, progress, preview, report) and
 * their GraphQL view. Shared by the catalog-imports resolver Lambda (upload, confirm, recheck), the
 * catalog-import Lambda (which fills the items as it checks and imports the file) and the APPSYNC_JS
 * resolvers that read them (Query.catalogImport, Query.catalogImports) — so APPSYNC_JS subset only here.
 *
 * One import is two items: `CATALOGIMPORT#<id> / CATALOGIMPORT`, small (state, counts, progress; listed newest
 * first through GSI1 `CATALOGIMPORTS / <createdAt>#<id>` for the history), and `CATALOGIMPORT#<id> / DETAILS`,
 * the lists of the preview and the report (bounded in size, see CATALOG_IMPORT_DETAIL_BUDGETS). The history
 * reads only the small items.
 */

/** The largest .DBF staff may upload (a POS catalog of 100,000 products is about 50 MB). */
export const CATALOG_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/** How long a presigned upload may be used. */
export const CATALOG_IMPORT_UPLOAD_EXPIRY_SECONDS = 900;

/** The s3-upload trigger's prefix (wiring/events.ts): every .dbf under it runs catalog-import. */
export const CATALOG_IMPORTS_PREFIX = 'catalog-imports/';

/** GSI1 partition of the import history. */
export const CATALOG_IMPORT_HISTORY_PK = 'CATALOGIMPORTS';

export function catalogImportItemKey(id: string): { PK: string; SK: string } {
  return { PK: `CATALOGIMPORT#${id}`, SK: 'CATALOGIMPORT' };
}

export function catalogImportDetailsKey(id: string): { PK: string; SK: string } {
  return { PK: `CATALOGIMPORT#${id}`, SK: 'DETAILS' };
}

/** Code page folder names the import understands (catalog-import's uploadOptionsOf): letters, digits, dashes. */
function codepageFolder(codepage: string | null | undefined): string {
  return codepage ? `codepage-${codepage}/` : '';
}

/** Where the browser uploads the file: the preview folder (checked and diffed, nothing written). */
export function catalogImportPreviewKey(id: string, codepage?: string | null): string {
  return `${CATALOG_IMPORTS_PREFIX}preview/${codepageFolder(codepage)}${id}.dbf`;
}

/** Where the confirmation copies the previewed file: the import itself. */
export function catalogImportFileKey(id: string, codepage?: string | null): string {
  return `${CATALOG_IMPORTS_PREFIX}${codepageFolder(codepage)}${id}.dbf`;
}

export type CatalogImportStatus = 'UPLOADING' | 'CHECKING' | 'PREVIEW' | 'REFUSED' | 'IMPORTING' | 'IMPORTED' | 'FAILED';

export type CatalogImportRefusalKind = 'NOT_DBF' | 'LAYOUT' | 'DAMAGED' | 'CODEPAGE';

export interface CatalogImportCounts {
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  notInFile: number;
  deletedRecords: number;
}

export interface CatalogImportProgress {
  phase: 'CHECKING' | 'IMPORTING';
  percent: number;
  recordsDone: number;
  recordsTotal: number;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface CatalogImportRefusal {
  kind: CatalogImportRefusalKind;
  /** One Spanish sentence: what is wrong and that nothing was written. */
  message: string;
  /** Spanish details (missing columns, where the damage is, what to do). */
  details: string[];
  /** The code page that reads the text correctly, when the refusal is about the code page. */
  suggestedCodepage?: string;
  examples?: { asRead: string; withSuggested: string }[];
}

export interface CatalogImportItem {
  PK: string;
  SK: string;
  GSI1PK: string;
  GSI1SK: string;
  type: 'CatalogImport';
  id: string;
  fileName: string;
  sizeBytes: number;
  status: CatalogImportStatus;
  createdAt: string;
  updatedAt: string;
  uploadedBy: string;
  uploadedByEmail: string;
  /** The code page staff asked for (a recheck), null for the file's own. */
  requestedCodepage?: string | null;
  /** S3 ETag of the previewed file: the confirmation imports exactly that file. */
  previewETag?: string;
  confirmedBy?: string;
  confirmedByEmail?: string;
  confirmedAt?: string;
  /** When the import's run began (a duplicate notification of the same upload does not start a second run). */
  runStartedAt?: string;
  finishedAt?: string;
  codepage?: string;
  recordCount?: number;
  progress?: CatalogImportProgress;
  counts?: CatalogImportCounts;
  refusal?: CatalogImportRefusal;
  written?: string;
  failure?: string;
  reportKey?: string;
}

export interface CatalogImportDetailsItem {
  PK: string;
  SK: string;
  type: 'CatalogImportDetails';
  created: { recordNumber: number; sku: string; name: string }[];
  updated: { recordNumber: number; sku: string; productId: string; name: string; fields: { field: string; before: string; after: string }[] }[];
  rejectedRows: { recordNumber: number; sku?: string; reasons: string[] }[];
  warnings: { recordNumber: number; sku?: string; message: string }[];
  notInFile: { productId: string; sku: string; name: string }[];
}

/**
 * Bytes (as JSON) each list of the details item may take, all together well under DynamoDB's 400 KB per item.
 * The counts say how many there are; the lists hold the first ones.
 */
export const CATALOG_IMPORT_DETAIL_BUDGETS = {
  created: 40_000,
  updated: 120_000,
  rejectedRows: 80_000,
  warnings: 30_000,
  notInFile: 60_000,
} as const;

/** The GraphQL CatalogImport of its two items (details absent → empty lists, as in the history). */
export function catalogImportView(item: CatalogImportItem, details: CatalogImportDetailsItem | null) {
  return {
    id: item.id,
    fileName: item.fileName,
    sizeBytes: item.sizeBytes,
    status: item.status,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    uploadedBy: item.uploadedByEmail,
    confirmedBy: item.confirmedByEmail ? item.confirmedByEmail : null,
    confirmedAt: item.confirmedAt ? item.confirmedAt : null,
    finishedAt: item.finishedAt ? item.finishedAt : null,
    codepage: item.codepage ? item.codepage : null,
    recordCount: item.recordCount === undefined ? null : item.recordCount,
    progress: item.progress ? item.progress : null,
    counts: item.counts ? item.counts : null,
    refusal: item.refusal
      ? {
          kind: item.refusal.kind,
          message: item.refusal.message,
          details: item.refusal.details,
          suggestedCodepage: item.refusal.suggestedCodepage ? item.refusal.suggestedCodepage : null,
          examples: item.refusal.examples ? item.refusal.examples : [],
        }
      : null,
    written: item.written ? item.written : null,
    failure: item.failure ? item.failure : null,
    created: details ? details.created : [],
    updated: details ? details.updated : [],
    rejectedRows: details ? details.rejectedRows : [],
    warnings: details ? details.warnings : [],
    notInFile: details ? details.notInFile : [],
  };
}
