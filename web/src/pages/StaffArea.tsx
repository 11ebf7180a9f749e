/**
 * The back office's pages by path: /personal (orders), /personal/productos[/nuevo|/<id>],
 * /personal/importaciones[/<id>], /personal/ventas, /personal/pagos. A chunk of its own (App.tsx), and each
 * page another, downloaded when first opened; the sales page's chart library only by staff who open it.
 */
import { lazy, type ReactNode } from 'react';

const Staff = lazy(() => import('./Staff').then((m) => ({ default: m.Staff })));
const StaffProducts = lazy(() => import('./StaffProducts').then((m) => ({ default: m.StaffProducts })));
const StaffProductEditor = lazy(() => import('./StaffProductEditor').then((m) => ({ default: m.StaffProductEditor })));
const StaffImports = lazy(() => import('./StaffImports').then((m) => ({ default: m.StaffImports })));
const StaffImport = lazy(() => import('./StaffImports').then((m) => ({ default: m.StaffImport })));
const StaffPaymentSettings = lazy(() => import('./StaffPaymentSettings').then((m) => ({ default: m.StaffPaymentSettings })));
const Sales = lazy(() => import('./Sales'));

/** `notFound`: what an unknown back-office path shows (the app's own page, passed in so this chunk imports nothing of the entry). */
export function StaffArea({ section, item, notFound }: { section: string | undefined; item: string | undefined; notFound: ReactNode }) {
  if (section === 'ventas') return <Sales />;
  if (section === 'pagos' && item === undefined) return <StaffPaymentSettings />;
  if (section === 'importaciones') return item ? <StaffImport key={item} id={item} /> : <StaffImports />;
  if (section === 'productos') {
    if (item === 'nuevo') return <StaffProductEditor key="nuevo" id={null} />;
    return item ? <StaffProductEditor key={item} id={item} /> : <StaffProducts />;
  }
  return section === undefined ? <Staff /> : notFound;
}
