/**
 * The aviso de privacidad integral (Ley Federal de Protección de Datos Personales en Posesión de los
 * Particulares, LFPDPPP, and its Reglamento): who is responsible, what is collected and why, the ARCO rights and
 * how to use them, and what is kept after an account is deleted and for how long. Its version is the one
 * recorded with each shopper's consent (auth/privacy-notice.ts).
 */
import { PRIVACY_NOTICE_VERSION } from '../../../auth/privacy-notice';
import { usePageTitle } from '../page';
import { href } from '../router';
import { useSession } from '../session';

export function PrivacyNotice() {
  usePageTitle('Aviso de privacidad');
  const { config } = useSession();
  const contact = config.pharmacyContact;
  return (
    <article className="legal">
      <h1>Aviso de privacidad</h1>
      <p className="muted">Versión {PRIVACY_NOTICE_VERSION}. Si lo cambiamos en algo importante te lo diremos al iniciar sesión y en esta página.</p>

      <h2>Quién es responsable de tus datos</h2>
      <p>
        FarmaCruz, cadena de farmacias en México, es responsable del tratamiento de los datos personales que nos das al comprar en esta
        tienda en línea.{contact && <> Para cualquier asunto de privacidad escríbenos a <a href={`mailto:${contact.email}?subject=${encodeURIComponent('Privacidad / derechos ARCO')}`}>{contact.email}</a> o llámanos al <a href={`tel:${contact.phoneE164}`}>{contact.phone}</a>, {contact.hours}.</>}
      </p>

      <h2>Qué datos usamos</h2>
      <ul>
        <li>De tu cuenta: nombre, correo electrónico y contraseña (guardada cifrada por nuestro proveedor de identidad; nosotros no la vemos).</li>
        <li>De tus pedidos: productos, cantidades, precios, fechas, estado del pedido, dirección de entrega y, si lo das, tu teléfono.</li>
        <li>
          Datos sensibles: algunos medicamentos requieren receta médica. No guardamos tu receta; solo que el pedido la requiere y, cuando
          la farmacia la revisa, quién la revisó y cuándo. Al aceptar este aviso consientes expresamente este tratamiento.
        </li>
        <li>En este dispositivo (no en nuestros servidores): tu carrito y la última dirección de entrega, para no pedírtela otra vez.</li>
      </ul>

      <h2>Para qué los usamos</h2>
      <ul>
        <li>Finalidades necesarias: crear y mantener tu cuenta, surtir, cobrar y entregar tus pedidos, verificar recetas cuando la ley lo exige, enviarte los correos de tus pedidos y atender tus dudas.</li>
        <li>Cumplir obligaciones legales: contabilidad e impuestos, y las de venta de medicamentos.</li>
        <li>No vendemos tus datos ni los usamos para publicidad de terceros. Los compartimos solo con quien nos ayuda a operar (alojamiento en la nube, correo electrónico, paquetería y pagos) y con autoridades cuando la ley lo pide.</li>
      </ul>

      <h2 id="arco">Tus derechos ARCO</h2>
      <p>Tienes derecho a <strong>Acceder</strong> a tus datos, <strong>Rectificarlos</strong>, <strong>Cancelarlos</strong> y <strong>Oponerte</strong> a su uso, y a revocar tu consentimiento. Desde <a href={href('/mi-cuenta')}>Mi cuenta</a> puedes:</p>
      <ul>
        <li>Descargar todos tus datos (cuenta y pedidos) en un archivo JSON.</li>
        <li>Corregir tu nombre, y la dirección y el teléfono guardados en este dispositivo.</li>
        <li>Eliminar tu cuenta.</li>
      </ul>
      <p>Para oponerte a un uso o para cualquier otra solicitud escríbenos al correo de arriba: te respondemos en un máximo de 20 días hábiles y, si procede, lo hacemos efectivo en los 15 días hábiles siguientes.</p>

      <h2>Qué conservamos cuando eliminas tu cuenta, y cuánto tiempo</h2>
      <p>
        Al eliminar tu cuenta borramos tu usuario (correo, nombre, contraseña y este consentimiento). Tus pedidos no se borran, porque son
        registros contables: la ley fiscal (Código Fiscal de la Federación, art. 30) nos obliga a conservarlos <strong>5 años</strong>. En
        ellos reemplazamos tu nombre por un seudónimo («Cliente eliminado» y un código) y quitamos calle, colonia, teléfono y correo. Se
        conservan productos, cantidades, precios, impuestos, fechas, estados, forma de pago, y ciudad, estado y código postal de entrega.
        Pasados los 5 años desde el ejercicio fiscal del pedido se eliminan.
      </p>
      <p>
        Las copias de los correos que te enviamos se conservan 1 año y las copias de seguridad de la base de datos 35 días; después se
        borran solas. Para nuestras estadísticas de ventas guardamos los pedidos sin nombre, calle, teléfono ni correo (solo estado y
        código postal de entrega), con una clave que no permite saber quién eres.
      </p>

      <h2>Cookies y almacenamiento local</h2>
      <p>No usamos cookies de publicidad ni de rastreo. Guardamos en tu navegador tu sesión, tu carrito y tu última dirección; se borran al cerrar sesión o eliminar tu cuenta, o desde la configuración de tu navegador.</p>

      <h2>Cambios a este aviso</h2>
      <p>Publicamos aquí cualquier cambio, con su fecha de versión. Si necesitamos tu consentimiento para algo nuevo, te lo pediremos.</p>
    </article>
  );
}
