import { usePageTitle } from '../page';
import { href } from '../router';

/** An address the shop has no page for (a mistyped path, an old link). */
export function NotFound() {
  usePageTitle('Página no encontrada');
  return (
    <div>
      <h1>Página no encontrada</h1>
      <p><a href={href('/')}>Ir al inicio</a></p>
    </div>
  );
}
