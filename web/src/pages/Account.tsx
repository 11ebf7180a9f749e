import { useState, type FormEvent } from 'react';
import { useSession } from '../session';
import { navigate } from '../router';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function Login({ returnTo }: { returnTo: string | null }) {
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await login(email, password);
      navigate(returnTo ? `/${returnTo}` : '/');
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <form className="account" onSubmit={submit}>
      <h1>Iniciar sesión</h1>
      <label>Correo electrónico<input type="email" name="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <label>Contraseña<input type="password" name="password" required value={password} onChange={(e) => setPassword(e.target.value)} /></label>
      <button type="submit">Entrar</button>
      {error && <p className="error" role="alert">{error}</p>}
      <p>¿No tienes cuenta? <a href="#/registro">Regístrate</a></p>
    </form>
  );
}

export function Register() {
  const { auth } = useSession();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await auth.register(form);
      navigate(`/confirmar?email=${encodeURIComponent(form.email)}`);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <form className="account" onSubmit={submit}>
      <h1>Crear cuenta</h1>
      <label>Nombre<input name="name" required maxLength={100} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
      <label>Correo electrónico<input type="email" name="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
      <label>Contraseña<input type="password" name="password" required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
      <p className="muted">Mínimo 8 caracteres, con mayúscula, minúscula y número.</p>
      <button type="submit">Registrarme</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

export function Confirm({ email: initialEmail }: { email: string }) {
  const { auth } = useSession();
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await auth.confirm({ email, code: code.trim() });
      navigate('/entrar');
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <form className="account" onSubmit={submit}>
      <h1>Confirma tu correo</h1>
      <p>Te enviamos un código de verificación a tu correo.</p>
      <label>Correo electrónico<input type="email" name="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <label>Código<input name="code" required inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} /></label>
      <button type="submit">Confirmar</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
