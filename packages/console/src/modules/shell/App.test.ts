import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import App from '../../App.vue';
import { LOCALE_STORAGE_KEY, useI18n } from '../../i18n/index.ts';
import { initialConnection } from '../../live/connection-state.ts';
import { API_KEY_STORAGE_KEY, useApiKey } from '../../session/use-api-key.ts';
import { shellRouter, viewerAnswer } from '../../test-support/app.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';

// The WebSocket client is the one thing not run here: the shell only reads its connection state.
vi.mock('../../live/client.ts', () => ({
  useLive: () => ({ connection: ref(initialConnection()), subscribe: () => () => {} }),
}));

async function mountApp() {
  const router = shellRouter();
  await router.push('/');
  const wrapper = mount(App, { global: { plugins: [router] } });
  await flushPromises();
  return { wrapper, router };
}

describe('the console shell', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    useI18n().setLocale('es');
    useApiKey().signOut();
  });

  afterEach(() => {
    useI18n().setLocale('es');
    useApiKey().signOut();
  });

  it('starts in Spanish on the sign-in page and switches every label to English', async () => {
    stubFetch({ '/healthz': () => jsonResponse({ status: 'ok', database: 'up' }) });
    const { wrapper } = await mountApp();

    expect(wrapper.get('[data-test="tagline"]').text()).toBe('Consola de supervisión de cobranza');
    expect(wrapper.get('#sign-in-title').text()).toBe('Acceso con clave de API');
    expect(wrapper.get('[data-testid="sign-in-submit"]').text()).toBe('Entrar');
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('En servicio');
    expect(wrapper.get('[data-testid="lang-es"]').attributes('aria-pressed')).toBe('true');
    expect(wrapper.find('[data-testid="nav-floor"]').exists()).toBe(false);

    await wrapper.get('[data-testid="lang-en"]').trigger('click');

    expect(wrapper.get('#sign-in-title').text()).toBe('Sign in with an API key');
    expect(wrapper.get('[data-testid="sign-in-submit"]').text()).toBe('Sign in');
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('Up');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    wrapper.unmount();
  });

  it('signs in with a key, shows the role’s screens, and signs out', async () => {
    const fetchMock = stubFetch({
      '/healthz': () => jsonResponse({ status: 'ok', database: 'up' }),
      '/graphql': viewerAnswer('SUPERVISOR'),
    });
    const { wrapper } = await mountApp();

    await wrapper.get('[data-testid="api-key-input"]').setValue('  demo-supervisor-key  ');
    await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');
    await flushPromises();

    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBe('demo-supervisor-key');
    const graphqlCall = fetchMock.mock.calls.find(([url]) => url === '/graphql');
    expect(graphqlCall?.[1]?.headers).toMatchObject({ authorization: 'Bearer demo-supervisor-key' });
    for (const screen of ['floor', 'queues', 'agents', 'campaigns', 'accounts', 'analytics']) {
      expect(wrapper.find(`[data-testid="nav-${screen}"]`).exists()).toBe(true);
    }
    expect(wrapper.get('[data-testid="connection-status"]').attributes('data-state')).toBe('reconnecting');
    expect(wrapper.text()).toContain('Supervisión');
    expect(wrapper.find('[data-testid="screen-floor"]').exists()).toBe(true);

    await wrapper.get('[data-testid="sign-out"]').trigger('click');
    await flushPromises();
    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull();
    expect(wrapper.find('[data-testid="api-key-input"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('shows an agency only its floor, workspace, agents and portfolio, and sends it home from other screens', async () => {
    stubFetch({
      '/healthz': () => jsonResponse({ status: 'ok', database: 'up' }),
      '/graphql': viewerAnswer('AGENCY', { id: 'ag1', code: 'COBSUR', name: 'Cobranzas del Sur' }),
    });
    useApiKey().signIn('demo-agency-key');
    const { wrapper, router } = await mountApp();

    expect(wrapper.find('[data-testid="nav-floor"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="nav-accounts"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="nav-agency"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="nav-agents"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="nav-queues"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="nav-campaigns"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="nav-agencies"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Cobranzas del Sur');

    await router.push('/queues');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/');
    wrapper.unmount();
  });

  it('says so when the API refuses the key', async () => {
    stubFetch({
      '/healthz': () => jsonResponse({ status: 'ok', database: 'up' }),
      '/graphql': () =>
        jsonResponse({ errors: [{ message: 'Invalid API key', extensions: { code: 'UNAUTHENTICATED' } }] }, 401),
    });
    useApiKey().signIn('wrong-key');
    const { wrapper } = await mountApp();

    expect(wrapper.get('[data-testid="screen-error"]').text()).toContain('La API no aceptó esta clave.');
    expect(wrapper.find('[data-testid="nav-floor"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
