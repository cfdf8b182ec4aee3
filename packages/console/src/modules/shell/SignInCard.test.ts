import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { AGENCIES_QUERY } from '../../api/agencies.ts';
import { useI18n } from '../../i18n/index.ts';
import { API_KEY_STORAGE_KEY, useApiKey } from '../../session/use-api-key.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import SignInCard from './SignInCard.vue';

const KEY = 'rk_test_0123456789abcd';

async function signIn(wrapper: ReturnType<typeof mount>, key = KEY) {
  await wrapper.get('[data-test="api-key-input"]').setValue(key);
  await wrapper.get('[data-test="sign-in-form"]').trigger('submit');
  await flushPromises();
}

describe('SignInCard', () => {
  beforeEach(() => {
    sessionStorage.clear();
    useApiKey().signOut();
    useI18n().setLocale('es');
  });

  it('stores the key and lists the agencies the API returns', async () => {
    const fetchMock = stubFetch({
      '/graphql': () =>
        jsonResponse({
          data: {
            agencies: [
              { id: 'a1', code: 'NORTE', name: 'Cobranzas del Norte', partner: true },
              { id: 'a2', code: 'HQ', name: 'Equipo interno', partner: false },
            ],
          },
        }),
    });
    const wrapper = mount(SignInCard);

    expect(wrapper.get('[data-test="sign-in"]').attributes('disabled')).toBeDefined();
    await signIn(wrapper, `  ${KEY}\n`);

    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBe(KEY);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/graphql');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: `Bearer ${KEY}`,
    });
    expect(JSON.parse(String(init?.body))).toEqual({ query: AGENCIES_QUERY });

    expect(wrapper.get('[data-test="signed-in-as"]').text()).toContain('…abcd');
    expect(wrapper.text()).not.toContain(KEY);
    const rows = wrapper.findAll('[data-test="agency-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.text()).toContain('NORTE');
    expect(rows[0]?.text()).toContain('Cobranzas del Norte');
    expect(rows[0]?.text()).toContain('Externa');
    expect(rows[1]?.text()).toContain('Interna');
  });

  it('shows the loading state while the request is in flight', async () => {
    let answer: (response: Response) => void = () => {};
    stubFetch({ '/graphql': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const wrapper = mount(SignInCard);
    await signIn(wrapper);

    expect(wrapper.text()).toContain('Cargando agencias…');
    answer(jsonResponse({ data: { agencies: [] } }));
    await flushPromises();
    expect(wrapper.get('[data-test="agencies-empty"]').text()).toBe('Esta clave no ve ninguna agencia.');
  });

  it('shows the GraphQL error message and its code', async () => {
    stubFetch({
      '/graphql': () =>
        jsonResponse({ errors: [{ message: 'Invalid API key', extensions: { code: 'UNAUTHENTICATED' } }] }, 401),
    });
    const wrapper = mount(SignInCard);
    await signIn(wrapper);

    const error = wrapper.get('[data-test="agencies-error"]');
    expect(error.get('[data-test="error-message"]').text()).toBe('Invalid API key');
    expect(error.get('[data-test="error-code"]').text()).toBe('Código: UNAUTHENTICATED');
    expect(wrapper.find('[data-test="agencies-table"]').exists()).toBe(false);
    // The key stays so the user can sign out or retry; nothing is shown as if it had worked.
    expect(wrapper.find('[data-test="sign-out"]').exists()).toBe(true);
  });

  it('explains an API that cannot be reached', async () => {
    stubFetch({ '/graphql': () => new Response('Bad gateway', { status: 502 }) });
    const wrapper = mount(SignInCard);
    await signIn(wrapper);

    expect(wrapper.get('[data-test="error-message"]').text()).toBe('La API respondió con HTTP 502.');
    expect(wrapper.find('[data-test="error-code"]').exists()).toBe(false);
  });

  it('signs out, clearing the stored key', async () => {
    stubFetch({ '/graphql': () => jsonResponse({ data: { agencies: [] } }) });
    const wrapper = mount(SignInCard);
    await signIn(wrapper);
    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBe(KEY);

    await wrapper.get('[data-test="sign-out"]').trigger('click');
    await flushPromises();

    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull();
    expect(wrapper.find('[data-test="sign-in-form"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="agencies-empty"]').exists()).toBe(false);
  });

  it('loads agencies at once for a key already in this tab', async () => {
    useApiKey().signIn(KEY);
    stubFetch({
      '/graphql': () =>
        jsonResponse({
          data: { agencies: [{ id: 'a1', code: 'SUR', name: 'Sur', partner: true }] },
        }),
    });
    const wrapper = mount(SignInCard);
    await flushPromises();

    expect(wrapper.findAll('[data-test="agency-row"]')).toHaveLength(1);
  });
});
