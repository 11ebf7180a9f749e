/**
 * Spanish names of the catalog fields a POS import compares, one list for the import's messages
 * (catalog/import-messages-es.ts) and the back office's preview (web/src/pages/StaffImports.tsx).
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  sku: 'CLAVE',
  barcode: 'Código de barras',
  name: 'Nombre',
  activeIngredients: 'Sustancias activas',
  lab: 'Laboratorio',
  presentation: 'Presentación',
  categoryName: 'Categoría',
  priceCents: 'Precio',
  currency: 'Moneda',
  stock: 'Existencias',
  prescriptionRequired: 'Requiere receta',
  active: 'Activo',
};

export function fieldLabelEs(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
