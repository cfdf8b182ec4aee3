import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useI18n } from '../../i18n/index.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { OPERATION, signInAs } from '../../test-support/app.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import DemoTime from './DemoTime.vue';

/** The browser's clock: Saturday 5 December 2026, 02:00:30 in Lima — real time, when Peru allows no calls. */
const BROWSER_NOW = Date.parse('2026-12-05T07:00:30.000Z');

/** Answers the viewer query, then the header's own re-reads, with the demo clock's `now` of the moment. */
function demoApi(operation: { now: string; demoClock: { active: boolean; offsetMs: number } }) {
  const current = { ...OPERATION, ...operation };
  stubFetch({
    '/graphql': (_url, init) => {
      const body = JSON.parse(String(init?.body)) as { query: string };
      if (body.query.includes('me {'))
        return jsonResponse({ data: { me: { role: 'SUPERVISOR', agency: null }, operation: current } });
      if (body.query.includes('DemoTime')) return jsonResponse({ data: { operation: current } });
      throw new Error(`unexpected ${body.query}`);
    },
  });
  return current;
}

describe('the header’s demo time', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(BROWSER_NOW);
  });

  afterEach(() => {
    useApiKey().signOut();
    useI18n().setLocale('es');
    vi.useRealTimers();
  });

  it('says plainly that it is demo time, in Spanish and English, in the operation’s zone', async () => {
    // Monday 08:12:30 in Lima.
    demoApi({ now: '2026-12-07T13:12:30.000Z', demoClock: { active: true, offsetMs: 195_720_000 } });
    await signInAs();
    useI18n().setLocale('es');
    const wrapper = mount(DemoTime);
    await flushPromises();
    expect(wrapper.get('[data-testid="demo-time"]').text()).toBe('Hora demo: lun 08:12 (Lima)');
    useI18n().setLocale('en');
    await flushPromises();
    expect(wrapper.get('[data-testid="demo-time"]').text()).toBe('Demo time: Mon 08:12 (Lima)');
    wrapper.unmount();
  });

  it('runs on with the browser’s clock, and follows the jump to the next morning at the next re-read', async () => {
    const operation = demoApi({ now: '2026-12-07T13:12:30.000Z', demoClock: { active: true, offsetMs: 0 } });
    await signInAs();
    const wrapper = mount(DemoTime);
    await flushPromises();
    await vi.advanceTimersByTimeAsync(45_000);
    expect(wrapper.text()).toBe('Hora demo: lun 08:13 (Lima)');
    // Meanwhile the API's demo clock reached 20:00 and moved on to Thursday 07:00 (8 and 9 December are holidays).
    operation.now = '2026-12-10T12:00:05.000Z';
    await vi.advanceTimersByTimeAsync(15_000);
    await flushPromises();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(wrapper.text()).toBe('Hora demo: jue 07:00 (Lima)');
    wrapper.unmount();
  });

  it('shows nothing on real time', async () => {
    demoApi({ now: '2026-12-05T07:00:30.000Z', demoClock: { active: false, offsetMs: 0 } });
    await signInAs();
    const wrapper = mount(DemoTime);
    await flushPromises();
    expect(wrapper.find('[data-testid="demo-time"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
