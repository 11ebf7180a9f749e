/**
 * Forgotten password: the email gets a code (Cognito ForgotPassword), then code + new password
 * (ConfirmForgotPassword) and the shopper is signed in and taken back where they were (`volver`).
 * Locally, cognito-local sends no email: the code is printed in the `npm start` console, and the page says so.
 */
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../errors';
import { usePageTitle } from '../page';
import { href, navigate } from '../router';
import { useSession } from '../session';
import { safeReturnPath } from './Account';

export function ForgotPassword({ email: initialEmail, returnTo }: { email: string; returnTo: string | null }) {
  usePageTitle('Recuperar contraseña');
  const { auth, login, config } = useSession();
  const [email, setEmail] = useState(initialEmail);
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function requestCode(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await auth.forgotPassword({ email: email.trim() });
      setStep('code');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function setNewPassword(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await auth.confirmForgotPassword({ email: email.trim(), code: code.trim(), password });
      await login(email.trim(), password);
      navigate(safeReturnPath(returnTo), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return step === 'email' ? (
    <form className="account" onSubmit={requestCode}>
      <h1>Recuperar contraseña</h1>
      <p>Escribe el correo de tu cuenta y te enviaremos un código para crear una contraseña nueva.</p>
      <label>Correo electrónico<input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <button type="submit" disabled={busy}>Enviar código</button>
      {error && <p className="error" role="alert">{error}</p>}
      <p><a href={href('/entrar')}>Volver a iniciar sesión</a></p>
    </form>
  ) : (
    <form className="account" onSubmit={setNewPassword}>
      <h1>Crea una contraseña nueva</h1>
      <p role="status">
        Te enviamos un código a {email.trim()}. Revisa tu correo (también la carpeta de spam).
        {config.cognitoEndpoint && ' En la tienda de prueba local no se envían correos: el código aparece en la consola de «npm start».'}
      </p>
      <label>Código<input name="code" required inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} /></label>
      <label>Contraseña nueva<input type="password" name="password" autoComplete="new-password" required aria-describedby="new-password-rules" value={password} onChange={(e) => setPassword(e.target.value)} /></label>
      <p className="muted" id="new-password-rules">Mínimo 8 caracteres, con mayúscula, minúscula y número.</p>
      <button type="submit" disabled={busy}>Guardar y entrar</button>
      <button type="button" className="link" disabled={busy} onClick={() => { setStep('email'); setCode(''); }}>Pedir otro código</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
