import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.vue';
import { LOCALE_STORAGE_KEY, useI18n } from '../../i18n/index.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';

describe('language switch', () => {
  beforeEach(() => {
    localStorage.clear();
    useI18n().setLocale('es');
    useApiKey().signOut();
    stubFetch({ '/healthz': () => jsonResponse({ status: 'ok', database: 'up' }) });
  });

  afterEach(() => {
    useI18n().setLocale('es');
  });

  it('starts in Spanish and switches every label to English', async () => {
    const wrapper = mount(App);
    await flushPromises();

    expect(wrapper.get('[data-test="tagline"]').text()).toBe('Consola de supervisión de cobranza');
    expect(wrapper.get('#sign-in-title').text()).toBe('Acceso con clave de API');
    expect(wrapper.get('[data-test="sign-in"]').text()).toBe('Entrar');
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('En servicio');
    expect(wrapper.get('[data-test="lang-es"]').attributes('aria-pressed')).toBe('true');

    await wrapper.get('[data-test="lang-en"]').trigger('click');

    expect(wrapper.get('[data-test="tagline"]').text()).toBe('Collections supervision console');
    expect(wrapper.get('#sign-in-title').text()).toBe('Sign in with an API key');
    expect(wrapper.get('[data-test="sign-in"]').text()).toBe('Sign in');
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('Up');
    expect(wrapper.get('[data-test="graphiql-link"]').text()).toContain('Open the GraphQL IDE');
    expect(wrapper.get('[data-test="lang-en"]').attributes('aria-pressed')).toBe('true');
    expect(wrapper.get('[data-test="lang-es"]').attributes('aria-pressed')).toBe('false');

    wrapper.unmount();
  });

  it('persists the choice and sets the document language', async () => {
    const wrapper = mount(App);
    await wrapper.get('[data-test="lang-en"]').trigger('click');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    await wrapper.get('[data-test="lang-es"]').trigger('click');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('es');
    expect(document.documentElement.lang).toBe('es');
    expect(wrapper.get('#sign-in-title').text()).toBe('Acceso con clave de API');

    wrapper.unmount();
  });
});
