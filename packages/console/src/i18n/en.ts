import type { Messages } from './es.ts';

export const en: Messages = {
  'app.name': 'Recupera',
  'app.tagline': 'Collections supervision console',
  'language.label': 'Language',
  'language.es': 'Spanish',
  'language.en': 'English',

  'signIn.title': 'Sign in with an API key',
  'signIn.intro': 'Paste an API key to see the agencies it can access.',
  'signIn.keyLabel': 'API key',
  'signIn.keyPlaceholder': 'Paste your key here',
  'signIn.keyHint': 'The key is kept in this tab only and is cleared when you close it.',
  'signIn.submit': 'Sign in',
  'signIn.signedInAs': 'Signed in with the key ending in {suffix}',
  'signIn.signOut': 'Sign out',
  'signIn.reload': 'Reload',

  'agencies.title': 'Visible agencies',
  'agencies.loading': 'Loading agencies…',
  'agencies.empty': 'This key cannot see any agency.',
  'agencies.count': '{count} agencies',
  'agencies.code': 'Code',
  'agencies.name': 'Name',
  'agencies.type': 'Type',
  'agencies.partner': 'Partner',
  'agencies.internal': 'Internal',
  'agencies.error': 'The API rejected the query:',
  'agencies.errorCode': 'Code: {code}',

  'status.title': 'Service status',
  'status.api': 'API',
  'status.database': 'Database',
  'status.checking': 'Checking…',
  'status.up': 'Up',
  'status.down': 'Down',
  'status.unknown': 'Unknown',
  'status.unreachable': 'Could not reach the API: {reason}',
  'status.lastChecked': 'Last checked: {time}',
  'status.pollNote': 'Checked every 10 seconds.',
  'status.checkNow': 'Check now',

  'tools.title': 'Tools',
  'tools.graphiql': 'Open the GraphQL IDE',
  'tools.graphiqlHint': 'Explore the schema and try queries; add the header Authorization: Bearer <key>.',

  'upcoming.title': 'Coming soon',
  'upcoming.body':
    'The live floor, queues, agents, campaigns and portfolio screens will arrive in this console in later releases.',

  'error.network': 'Could not reach the API: {reason}',
  'error.http': 'The API answered with HTTP {status}.',
  'error.invalidResponse': 'The API returned an unexpected response.',
};
