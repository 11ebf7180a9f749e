import { useState, type FormEvent } from 'react';
import { useCart } from './cart';
import { useSession } from './session';
import { navigate, useRoute } from './router';
import { Catalog } from './pages/Catalog';
import { ProductDetail } from './pages/ProductDetail';
import { Cart } from './pages/Cart';
import { Confirm, Login, Register } from './pages/Account';
import { MyOrders, OrderDetail } from './pages/Orders';
import { Staff } from './pages/Staff';

function Header() {
  const { session, isStaff, logout } = useSession();
  const cart = useCart();
  const [text, setText] = useState('');
  function search(event: FormEvent) {
    event.preventDefault();
    if (text.trim().length >= 2) navigate(`/buscar?q=${encodeURIComponent(text.trim())}`);
  }
  return (
    <header className="top">
      <a href="#/" className="brand">Farma<span>Cruz</span></a>
      <form role="search" onSubmit={search}>
        <input type="search" name="q" placeholder="Busca medicamentos, principio activo o laboratorio" value={text} onChange={(e) => setText(e.target.value)} maxLength={100} />
        <button type="submit">Buscar</button>
      </form>
      <nav>
        <a href="#/carrito" data-testid="cart-link">Carrito ({cart.count})</a>
        {session ? (
          <>
            <a href="#/pedidos">Mis pedidos</a>
            {isStaff && <a href="#/personal">Personal</a>}
            <span className="muted">{session.user.email}</span>
            <button className="link" onClick={() => void logout()}>Salir</button>
          </>
        ) : (
          <>
            <a href="#/entrar">Entrar</a>
            <a href="#/registro">Crear cuenta</a>
          </>
        )}
      </nav>
    </header>
  );
}

function Page() {
  const { path, query } = useRoute();
  const [section, id] = path;
  switch (section) {
    case undefined:
      return <Catalog category={null} search={null} />;
    case 'categoria':
      return <Catalog category={id ?? null} search={null} />;
    case 'buscar':
      return <Catalog category={null} search={query.get('q')} />;
    case 'producto':
      return id ? <ProductDetail id={id} /> : null;
    case 'carrito':
      return <Cart />;
    case 'entrar':
      return <Login returnTo={query.get('volver')} />;
    case 'registro':
      return <Register />;
    case 'confirmar':
      return <Confirm email={query.get('email') ?? ''} />;
    case 'pedidos':
      return id ? <OrderDetail id={id} /> : <MyOrders />;
    case 'personal':
      return <Staff />;
    default:
      return <p>Página no encontrada. <a href="#/">Ir al inicio</a></p>;
  }
}

export function App() {
  return (
    <>
      <Header />
      <main className="page">
        <Page />
      </main>
      <footer>FarmaCruz · Precios en pesos mexicanos con IVA incluido · Los medicamentos con receta se entregan contra receta médica.</footer>
    </>
  );
}
