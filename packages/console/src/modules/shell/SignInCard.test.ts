import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { useI18n } from '../../i18n/index.ts';
import { API_KEY_STORAGE_KEY, useApiKey } from '../../session/use-api-key.ts';
import SignInCard from './SignInCard.vue';

describe('SignInCard', () => {
  beforeEach(() => {
    sessionStorage.clear();
    useApiKey().signOut();
    useI18n().setLocale('es');
  });

  it('keeps the submit disabled until a key is typed', async () => {
    const wrapper = mount(SignInCard);
    expect(wrapper.get('[data-testid="sign-in-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="api-key-input"]').setValue('   ');
    expect(wrapper.get('[data-testid="sign-in-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="api-key-input"]').setValue('k');
    expect(wrapper.get('[data-testid="sign-in-submit"]').attributes('disabled')).toBeUndefined();
  });

  it('stores the trimmed key in this tab’s session only, and never shows it', async () => {
    const wrapper = mount(SignInCard);
    await wrapper.get('[data-testid="api-key-input"]').setValue('  rk_test_0123456789abcd\n');
    await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');

    expect(sessionStorage.getItem(API_KEY_STORAGE_KEY)).toBe('rk_test_0123456789abcd');
    expect(localStorage.getItem(API_KEY_STORAGE_KEY)).toBeNull();
    expect(useApiKey().apiKey.value).toBe('rk_test_0123456789abcd');
    expect(wrapper.get('[data-testid="api-key-input"]').attributes('type')).toBe('password');
    expect((wrapper.get('[data-testid="api-key-input"]').element as HTMLInputElement).value).toBe('');
  });
});
