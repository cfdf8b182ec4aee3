/** Spanish is the reference catalogue: its keys are the set of valid message keys. */
export const es = {
  'app.name': 'Recupera',
  'app.tagline': 'Consola de supervisión de cobranza',
  'language.label': 'Idioma',
  'language.es': 'Español',
  'language.en': 'Inglés',

  'signIn.title': 'Acceso con clave de API',
  'signIn.intro': 'Pega una clave de API para ver las agencias a las que tiene acceso.',
  'signIn.keyLabel': 'Clave de API',
  'signIn.keyPlaceholder': 'Pega aquí tu clave',
  'signIn.keyHint': 'La clave se guarda solo en esta pestaña y se borra al cerrarla.',
  'signIn.submit': 'Entrar',
  'signIn.signedInAs': 'Sesión iniciada con la clave terminada en {suffix}',
  'signIn.signOut': 'Cerrar sesión',
  'signIn.reload': 'Volver a cargar',

  'agencies.title': 'Agencias visibles',
  'agencies.loading': 'Cargando agencias…',
  'agencies.empty': 'Esta clave no ve ninguna agencia.',
  'agencies.count': '{count} agencias',
  'agencies.code': 'Código',
  'agencies.name': 'Nombre',
  'agencies.type': 'Tipo',
  'agencies.partner': 'Externa',
  'agencies.internal': 'Interna',
  'agencies.error': 'La API rechazó la consulta:',
  'agencies.errorCode': 'Código: {code}',

  'status.title': 'Estado del servicio',
  'status.api': 'API',
  'status.database': 'Base de datos',
  'status.checking': 'Comprobando…',
  'status.up': 'En servicio',
  'status.down': 'Caída',
  'status.unknown': 'Desconocido',
  'status.unreachable': 'No se pudo contactar con la API: {reason}',
  'status.lastChecked': 'Última comprobación: {time}',
  'status.pollNote': 'Se comprueba cada 10 segundos.',
  'status.checkNow': 'Comprobar ahora',

  'tools.title': 'Herramientas',
  'tools.graphiql': 'Abrir el IDE de GraphQL',
  'tools.graphiqlHint': 'Explora el esquema y prueba consultas; añade la cabecera Authorization: Bearer <clave>.',

  'upcoming.title': 'Próximamente',
  'upcoming.body':
    'El piso en vivo, las colas, los agentes, las campañas y la cartera llegarán a esta consola en próximas versiones.',

  'error.network': 'No se pudo contactar con la API: {reason}',
  'error.http': 'La API respondió con HTTP {status}.',
  'error.invalidResponse': 'La API devolvió una respuesta inesperada.',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof es;
export type Messages = Record<MessageKey, string>;
