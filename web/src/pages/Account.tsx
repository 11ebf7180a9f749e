import { useState, type FormEvent } from 'react';
import { useSession } from '../session';
import { errorMessage } from '../errors';
import { usePageTitle } from '../page';
import { href, navigate } from '../router';
import { PRIVACY_NOTICE_VERSION } from '../../../auth/privacy-notice';

/** Where to go after signing in: an app path from `?volver=`, never another site. */
export function safeReturnPath(returnTo: string | null): string {
  if (!returnTo) return '/';
  const path = returnTo.startsWith('/') ? returnTo : `/${returnTo}`;
  return path.startsWith('//') ? '/' : path;
}

function withReturn(path: string, returnTo: string | null): string {
  if (!returnTo) return path;
  return `${path}${path.includes('?') ? '&' : '?'}volver=${encodeURIComponent(safeReturnPath(returnTo))}`;
}

/**
 * The password typed at sign-up, kept in memory only (never stored) until the code is confirmed, so the
 * shopper is signed in right after confirming. A reload forgets it: they sign in by hand then.
 */
let pendingSignIn: { email: string; password: string } | null = null;

export function Login({ returnTo }: { returnTo: string | null }) {
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle('Iniciar sesión');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await login(email.trim(), password);
      navigate(safeReturnPath(returnTo), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof Error && (e as { code?: string }).code === 'UserNotConfirmed') {
        pendingSignIn = { email: email.trim(), password };
      }
    } finally {
      setBusy(false);
    }
  }
  const needsConfirmation = error !== null && pendingSignIn?.email === email.trim();
  return (
    <form className="account" onSubmit={submit}>
      <h1>Iniciar sesión</h1>
      <label>Correo electrónico<input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <label>Contraseña<input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} /></label>
      <button type="submit" disabled={busy}>Entrar</button>
      {error && <p className="error" role="alert">{error}</p>}
      {needsConfirmation && <p><a href={href(withReturn(`/confirmar?email=${encodeURIComponent(email.trim())}`, returnTo))}>Escribir el código de confirmación</a></p>}
      <p><a href={href(withReturn(`/recuperar-contrasena${email.trim() ? `?email=${encodeURIComponent(email.trim())}` : ''}`, returnTo))}>¿Olvidaste tu contraseña?</a></p>
      <p>¿No tienes cuenta? <a href={href(withReturn('/registro', returnTo))}>Regístrate</a></p>
    </form>
  );
}

export function Register({ returnTo }: { returnTo: string | null }) {
  const { auth } = useSession();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [consented, setConsented] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle('Crear cuenta');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const email = form.email.trim();
      if (!consented) {
        setError('Para crear tu cuenta acepta el aviso de privacidad.');
        return;
      }
      await auth.register({ ...form, name: form.name.trim(), email, privacyConsent: { version: PRIVACY_NOTICE_VERSION, at: new Date().toISOString() } });
      pendingSignIn = { email, password: form.password };
      navigate(withReturn(`/confirmar?email=${encodeURIComponent(email)}`, returnTo));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="account" onSubmit={submit}>
      <h1>Crear cuenta</h1>
      <label>Nombre<input name="name" autoComplete="name" required maxLength={100} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
      <label>Correo electrónico<input type="email" name="email" autoComplete="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
      <label>Contraseña<input type="password" name="password" autoComplete="new-password" required aria-describedby="password-rules" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
      <p className="muted" id="password-rules">Mínimo 8 caracteres, con mayúscula, minúscula y número.</p>
      <label className="inline consent">
        <input type="checkbox" name="privacyConsent" required checked={consented} onChange={(e) => setConsented(e.target.checked)} />
        <span>
          Leí y acepto el <a href={href('/aviso-de-privacidad')} target="_blank" rel="noopener">aviso de privacidad</a> (versión {PRIVACY_NOTICE_VERSION}), incluido el
          tratamiento de datos de salud de los pedidos con receta.
        </span>
      </label>
      <button type="submit" disabled={busy}>Registrarme</button>
      {error && <p className="error" role="alert">{error}</p>}
      <p>¿Ya tienes cuenta? <a href={href(withReturn('/entrar', returnTo))}>Inicia sesión</a></p>
    </form>
  );
}

export function Confirm({ email: initialEmail, returnTo }: { email: string; returnTo: string | null }) {
  const { auth, login } = useSession();
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle('Confirma tu correo');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await auth.confirm({ email: email.trim(), code: code.trim() });
      const pending = pendingSignIn;
      if (pending && pending.email === email.trim()) {
        pendingSignIn = null;
        await login(pending.email, pending.password);
        navigate(safeReturnPath(returnTo), { replace: true });
      } else {
        navigate(withReturn('/entrar', returnTo), { replace: true });
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  async function resend() {
    setError(null);
    setInfo(null);
    try {
      await auth.resendCode({ email: email.trim() });
      setInfo('Te enviamos un código nuevo. Revisa tu correo (también la carpeta de spam).');
    } catch (e) {
      if (e instanceof Error && (e as { code?: string }).code === 'Unsupported') {
        // cognito-local (npm start) does not implement ResendConfirmationCode.
        setInfo('En la tienda de prueba local no se pueden reenviar códigos: el código de tu registro aparece en la consola de «npm start».');
      } else {
        setError(errorMessage(e));
      }
    }
  }
  return (
    <form className="account" onSubmit={submit}>
      <h1>Confirma tu correo</h1>
      <p>Te enviamos un código de verificación a tu correo.</p>
      <label>Correo electrónico<input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <label>Código<input name="code" required inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} /></label>
      <button type="submit" disabled={busy}>Confirmar</button>
      <button type="button" className="link" onClick={() => void resend()}>Reenviar el código</button>
      {info && <p role="status">{info}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
