/**
 * The catalog import's report and progress as text for a terminal (`npm run import:catalog`). The same
 * report is stored as JSON by the Lambda; this is only its wording.
 */
import type { CatalogImportError, CatalogImportReport, ImportProgress } from './import';

const number = (value: number) => value.toLocaleString('en-US');

/** "1:05" / "12 s": a duration for a progress line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')} min`;
}

/** One progress line: phase, percentage, records, ETA. */
export function progressLine(progress: ImportProgress): string {
  const phase = progress.phase === 'checking' ? 'checking the file' : 'importing';
  const eta = progress.etaMs === null ? '' : ` · about ${formatDuration(progress.etaMs)} left`;
  const records = progress.recordsTotal > 0 ? ` · record ${number(progress.recordsDone)} of ${number(progress.recordsTotal)}` : '';
  const counts =
    progress.phase === 'importing'
      ? ` · created ${number(progress.created)}, updated ${number(progress.updated)}, unchanged ${number(progress.unchanged)}, rejected ${number(progress.rejected)}`
      : '';
  return `${progress.percent.toFixed(1).padStart(5)}% ${phase}${records}${eta}${counts}`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return value.join(' + ') || '(none)';
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** The report as lines: counts, what was written, rejections, warnings, the diff of a dry run. */
export function reportLines(report: CatalogImportReport, shown = 20): string[] {
  const lines: string[] = [];
  const preview = report.status === 'preview';
  lines.push(`  file: ${number(report.file.recordCount)} records, code page ${report.file.codepage}, last update ${report.file.lastUpdate}`);
  lines.push(`  rows read ${number(report.rowsRead)} in ${(report.durationMs / 1000).toFixed(1)} s (${number(report.rowsPerSecond)} rows/s)`);
  const verb = preview ? 'would be ' : '';
  lines.push(
    `  ${verb}created ${number(report.created)}, ${verb}updated ${number(report.updated)}, unchanged ${number(report.unchanged)}, rejected ${number(report.rejected)}`,
  );
  lines.push(`  written: ${report.written}`);
  if (report.damage) {
    lines.push(`  DAMAGED FILE imported on request (--accept-damaged): ${report.damage.message}`);
    lines.push(`  only the ${number(report.damage.recordsBeforeDamage)} records before the damage were read; nothing after it`);
  }
  lines.push(`  deleted records skipped: ${number(report.deletedRecordsSkipped)}`);
  if (!preview) {
    lines.push(`  writes: ${number(report.writes.puts)} puts, ${number(report.writes.deletes)} deletes in ${number(report.writes.requests)} BatchWriteItem calls`);
  }
  if (report.changes) {
    for (const created of report.changes.created.slice(0, shown)) {
      lines.push(`  new: record ${created.recordNumber}, CLAVE ${created.sku}: ${created.name}`);
    }
    if (report.created > shown) lines.push(`  … and ${number(report.created - Math.min(shown, report.changes.created.length))} more new products`);
    for (const updated of report.changes.updated.slice(0, shown)) {
      const fields = updated.fields.map((change) => `${change.field} ${show(change.before)} → ${show(change.after)}`).join('; ');
      lines.push(`  changed: record ${updated.recordNumber}, CLAVE ${updated.sku}: ${fields}`);
    }
    if (report.updated > shown) lines.push(`  … and ${number(report.updated - Math.min(shown, report.changes.updated.length))} more changed products`);
  }
  for (const rejected of report.rejectedRows.slice(0, shown)) {
    lines.push(`  rejected record ${rejected.recordNumber}${rejected.sku ? ` (CLAVE ${rejected.sku})` : ''}: ${rejected.reasons.join('; ')}`);
  }
  if (report.rejectedRows.length > shown) lines.push(`  … and ${number(report.rejectedRows.length - shown)} more rejected rows`);
  for (const warning of report.warnings.slice(0, shown)) {
    lines.push(`  warning, record ${warning.recordNumber}${warning.sku ? ` (CLAVE ${warning.sku})` : ''}: ${warning.message}`);
  }
  if (report.warnings.length > shown) lines.push(`  … and ${number(report.warnings.length - shown)} more warnings`);
  if (report.notInFile.count > 0) {
    lines.push(
      `  not in file: ${number(report.notInFile.count)} active products (kept as they are; an import never deletes): ` +
        `${report.notInFile.skus.slice(0, 10).join(', ')}${report.notInFile.count > 10 ? ', …' : ''}`,
    );
  }
  return lines;
}

/** A refusal as lines: why, every problem, and that nothing was written. */
export function refusalLines(file: string, error: CatalogImportError): string[] {
  const [headline = error.message] = error.message.split(': ');
  const lines = [`Refused ${file}: ${error.problems.length > 0 ? headline : error.message}`];
  for (const problem of error.problems) lines.push(`  - ${problem}`);
  if (error.check) {
    lines.push(
      `  the whole file was checked first: ${number(error.check.recordsRead)} records read, ${number(error.check.rowsRead - error.check.rejected)} rows valid, ${number(error.check.rejected)} rejected`,
    );
  }
  lines.push('  Nothing was written.');
  return lines;
}
