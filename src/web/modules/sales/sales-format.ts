import { formatMoney } from '../../app/format';
import type { Activity } from './queries';

/** A visit or call not logged yet (its report is to come). */
export const isPlanned = (activity: Pick<Activity, 'kind' | 'doneAt'>) =>
  (activity.kind === 'visit' || activity.kind === 'call') && !activity.doneAt;

/** A stage's name in the reader's language, from a stage or from an offer's stage fields. */
export const stageName = (
  stage: { nameFr: string; nameEn: string } | { stageNameFr: string; stageNameEn: string },
  locale: string,
) =>
  'nameFr' in stage
    ? locale === 'en'
      ? stage.nameEn
      : stage.nameFr
    : locale === 'en'
      ? stage.stageNameEn
      : stage.stageNameFr;

/** "12 500 €" / "12 500,50 €" in the reader's language (app/format.ts). */
export const money = (value: number, locale: string, currency = 'EUR') =>
  formatMoney(value, currency, locale);
