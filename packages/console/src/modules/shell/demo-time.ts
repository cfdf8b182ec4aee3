import { computed, onUnmounted, ref, watch } from 'vue';
import { graphql } from '../../api/generated/gql.ts';
import { request } from '../../api/request.ts';
import { localeTag } from '../../format/format.ts';
import type { Locale } from '../../i18n/index.ts';
import { useViewer } from '../../session/use-viewer.ts';

/** The header reads the minute: a tick every 15 s is close enough. */
const TICK_MS = 15_000;
/** The demo clock jumps at the evening close: asking the API again every minute notices it within one. */
const RESYNC_MS = 60_000;

export const DEMO_TIME_QUERY = graphql(`
  query DemoTime {
    operation {
      now
      demoClock {
        active
        offsetMs
      }
    }
  }
`);

/** "lun 08:12" / "Mon 08:12": the weekday and the time of `instant` in the operation's zone. */
export function formatDemoTime(instant: number, locale: Locale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(localeTag(locale), {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday').replace(/\.$/, '')} ${part('hour')}:${part('minute')}`;
}

/** "America/Lima" → "Lima". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/**
 * The operation's demo time, when it runs on the demo clock (docs/demo.md): the API's `now` carried on by this
 * browser's clock (so neither its zone nor its clock's error matters), read again every minute.
 */
export function useDemoTime() {
  const { ready } = useViewer();
  /** API time minus browser time; null when the operation runs on real time. */
  const skew = ref<number | null>(null);
  const tick = ref(Date.now());

  const adopt = (operation: { now: string; demoClock: { active: boolean } } | undefined, receivedAt: number) => {
    skew.value = operation?.demoClock?.active ? Date.parse(operation.now) - receivedAt : null;
  };
  const resync = async () => {
    const sent = Date.now();
    const result = await request(DEMO_TIME_QUERY);
    if (result.ok) adopt(result.data.operation, (sent + Date.now()) / 2);
  };

  watch(
    () => ready.value?.operation,
    (operation) => adopt(operation, Date.now()),
    { immediate: true },
  );
  const ticker = setInterval(() => (tick.value = Date.now()), TICK_MS);
  const resyncer = setInterval(() => {
    if (skew.value !== null) void resync();
  }, RESYNC_MS);
  onUnmounted(() => {
    clearInterval(ticker);
    clearInterval(resyncer);
  });

  const now = computed(() => (skew.value === null ? null : tick.value + skew.value));
  const timeZone = computed(() => ready.value?.operation.timeZone ?? 'UTC');
  return { now, timeZone };
}
