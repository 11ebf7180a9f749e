import { href } from '../router';

const SECTIONS = [
  { id: 'pedidos', label: 'Pedidos', to: '/personal' },
  { id: 'productos', label: 'Productos', to: '/personal/productos' },
  { id: 'importaciones', label: 'Importar catálogo', to: '/personal/importaciones' },
  { id: 'ventas', label: 'Ventas y estadísticas', to: '/personal/ventas' },
  { id: 'pagos', label: 'Formas de pago', to: '/personal/pagos' },
] as const;

/** The sections of the back office, on top of each staff page. */
export function StaffNav({ current }: { current: (typeof SECTIONS)[number]['id'] }) {
  return (
    <nav className="staff-nav" aria-label="Secciones del personal">
      {SECTIONS.map((s) => (
        <a key={s.id} href={href(s.to)} aria-current={s.id === current ? 'page' : undefined}>{s.label}</a>
      ))}
    </nav>
  );
}
