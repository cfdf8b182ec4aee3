import type { Money } from '@recupera/shared';
import { useI18n } from '../i18n/index.ts';
import { useReadyViewer } from '../session/use-viewer.ts';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyList,
  formatRate,
  formatTime,
} from './format.ts';

/** Formatters bound to the current language and the operation's zone and currency. */
export function useFormat() {
  const { locale } = useI18n();
  const { operation } = useReadyViewer();
  return {
    currency: operation.currency,
    timeZone: operation.timeZone,
    money: (m: Money) => formatMoney(m, locale.value),
    moneyList: (list: readonly Money[]) => formatMoneyList(list, operation.currency, locale.value),
    /** One line per currency, the operation's first, for narrow table cells. */
    moneyLines: (list: readonly Money[]) => formatMoneyList(list, operation.currency, locale.value).split(' · '),
    rate: (r: number | null | undefined, digits?: number) => formatRate(r, locale.value, digits),
    count: (n: number | null | undefined, digits?: number) => formatCount(n, locale.value, digits),
    dateTime: (iso: string) => formatDateTime(iso, locale.value, operation.timeZone),
    time: (iso: string | Date, seconds?: boolean) => formatTime(iso, locale.value, operation.timeZone, seconds),
    date: (d: string) => formatDate(d, locale.value),
  };
}
