import { z } from 'zod';
import { values } from '@x/core';

/** A row of the `starRatings` export: one rating a patient gave. */
export const LusciiStarRatingRow = z.looseObject({
  Group: values.string().nullable(),
  Date: values.localDateTime(),
  Patient_UUID: values.string(),
  /** Arrives as a numeric string (`"246"`); a number here. */
  Score: values.number(),
  Remarks: values.string().nullable(),
});
export type LusciiStarRatingRow = z.infer<typeof LusciiStarRatingRow>;
