import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useCart } from './cart';
import { useSession } from './session';
import { href, navigate, useRoute, type Route } from './router';
import { useNavigationFocus, usePageTitle } from './page';
import { useSearchEngineTags } from './seo';
import { productIdFromSegment } from '../../model/shop-paths';
import { preloadable } from './preloadable';
import { SearchBox } from './SearchBox';
import { searchStateFrom } from './search-state';
import { NotFound } from './pages/NotFound';

// The pages shoppers land on (catalog, product) are chunks of their own, fetched with the entry for the URL
// being opened (preloadFirstPage, and index.html's hint), so neither carries the other's code; the rest load
// when first visited. Staff pages are their own chunks: shoppers never download them.
const Catalog = preloadable(() => import('./pages/Catalog').then((m) => m.Catalog));
const ProductDetail = preloadable(() => import('./pages/ProductDetail').then((m) => m.ProductDetail));
const Cart = lazy(() => import('./pages/Cart').then((m) => ({ default: m.Cart })));
const Login = lazy(() => import('./pages/Account').then((m) => ({ default: m.Login })));
const Register = lazy(() => import('./pages/Account').then((m) => ({ default: m.Register })));
const Confirm = lazy(() => import('./pages/Account').then((m) => ({ default: m.Confirm })));
const ForgotPassword = lazy(() => import('./pages/ForgotPassword').then((m) => ({ default: m.ForgotPassword })));
const PrivacyNotice = lazy(() => import('./pages/PrivacyNotice').then((m) => ({ default: m.PrivacyNotice })));
const MyAccount = lazy(() => import('./pages/MyAccount').then((m) => ({ default: m.MyAccount })));
const AccountDeleted = lazy(() => import('./pages/MyAccount').then((m) => ({ default: m.AccountDeleted })));
const MyOrders = lazy(() => import('./pages/Orders').then((m) => ({ default: m.MyOrders })));
const OrderDetail = lazy(() => import('./pages/Orders').then((m) => ({ default: m.OrderDetail })));
// The back office (/personal/…) is one small chunk that routes to its pages, each a chunk of its own: the
// code every shopper loads first does not even name them.
const StaffArea = lazy(() => import('./pages/StaffArea').then((m) => ({ default: m.StaffArea })));

function Header({ route }: { route: Route }) {
  const { session, isStaff, logout } = useSession();
  const cart = useCart();
  const searched = route.path[0] === 'buscar' ? (route.query.get('q') ?? '') : '';
  return (
    <header className="top">
      <a href={href('/')} className="brand" aria-label="FarmaCruz, inicio">Farma<span>Cruz</span></a>
      <SearchBox searched={searched} />
      <nav aria-label="Cuenta y carrito">
        <a href={href('/carrito')} data-testid="cart-link">Carrito ({cart.count})</a>
        {session ? (
          <>
            <a href={href('/pedidos')}>Mis pedidos</a>
            <a href={href('/mi-cuenta')}>Mi cuenta</a>
            {isStaff && <a href={href('/personal')}>Personal</a>}
            {isStaff && <a href={href('/personal/ventas')}>Ventas</a>}
            <span className="muted user-email">{session.user.email}</span>
            <button className="link" onClick={() => void logout()}>Salir</button>
          </>
        ) : (
          <>
            <a href={href('/entrar')}>Entrar</a>
            <a href={href('/registro')}>Crear cuenta</a>
          </>
        )}
      </nav>
    </header>
  );
}

/** Pages that need a signed-in user: a signed-out visitor goes to the login page and comes back after. */
function RequireSession({ route, children }: { route: Route; children: ReactNode }) {
  const { session } = useSession();
  useEffect(() => {
    if (!session) navigate(`/entrar?volver=${encodeURIComponent(route.location)}`, { replace: true });
  }, [session, route.location]);
  return session ? children : <p role="status">Te llevamos a iniciar sesión…</p>;
}

/** Fetches the code of the page at `route` when it is a landing page, so the first render does not suspend. */
export function preloadFirstPage(route: Route): Promise<unknown> {
  const [section, id] = route.path;
  if (section === 'buscar') return Promise.all([Catalog.preload(), import('./pages/Catalog').then((m) => m.preloadSearchControls())]);
  if (section === undefined || section === 'categoria') return Catalog.preload();
  if (section === 'producto' && id) return ProductDetail.preload();
  return Promise.resolve();
}

function Page({ route }: { route: Route }) {
  const { path, query } = route;
  const [section, id] = path;
  switch (section) {
    case undefined:
      return <Catalog category={null} search={null} />;
    case 'categoria':
      return <Catalog category={id ?? null} search={null} />;
    case 'buscar':
      return <Catalog category={null} search={searchStateFrom(query)} />;
    case 'producto': {
      if (!id) return <NotFound />;
      const productId = productIdFromSegment(id);
      return <ProductDetail key={productId} id={productId} />;
    }
    case 'carrito':
      return <Cart />;
    case 'entrar':
      return <Login returnTo={query.get('volver')} />;
    case 'registro':
      return <Register returnTo={query.get('volver')} />;
    case 'recuperar-contrasena':
      return <ForgotPassword email={query.get('email') ?? ''} returnTo={query.get('volver')} />;
    case 'aviso-de-privacidad':
      return <PrivacyNotice />;
    case 'mi-cuenta':
      return <RequireSession route={route}><MyAccount /></RequireSession>;
    case 'cuenta-eliminada':
      return <AccountDeleted />;
    case 'confirmar':
      return <Confirm email={query.get('email') ?? ''} returnTo={query.get('volver')} />;
    case 'pedidos':
      return <RequireSession route={route}>{id ? <OrderDetail key={id} id={id} /> : <MyOrders />}</RequireSession>;
    case 'personal':
      return <RequireSession route={route}><StaffArea section={id} item={path[2]} notFound={<NotFound />} /></RequireSession>;
    default:
      return <NotFound />;
  }
}

export function App() {
  const route = useRoute();
  useNavigationFocus(route);
  useSearchEngineTags(route);
  return (
    <>
      <a className="skip-link" href="#contenido" onClick={(e) => { e.preventDefault(); document.getElementById('contenido')?.focus(); }}>Saltar al contenido</a>
      <Header route={route} />
      <main className="page" id="contenido" tabIndex={-1}>
        <Suspense fallback={<p role="status" aria-busy="true">Cargando…</p>}>
          <Page route={route} />
        </Suspense>
      </main>
      <footer>
        FarmaCruz · Precios en pesos mexicanos con IVA incluido · Los medicamentos con receta se entregan contra receta médica. ·{' '}
        <a href={href('/aviso-de-privacidad')}>Aviso de privacidad</a>
      </footer>
    </>
  );
}
