import * as z from 'zod';
import { values } from '@x/core';

/** A row of the `starRatings` export: one rating a patient gave. */
export const LusciiStarRatingRow = z
  .looseObject({
    Group: values.string().nullable().describe("The patient's group: `'A Group'` in the document."),
    Date: values.localDateTime().describe('When the rating was given.'),
    Patient_UUID: values.string().describe('The UUID of the patient who gave the rating.'),
    Score: values.number().describe('The score. Arrives as a numeric string (`"246"`); a number here.'),
    Remarks: values.string().nullable().describe('Remarks given with the rating.'),
  })
  .describe('One rating a patient gave.');
export type LusciiStarRatingRow = z.infer<typeof LusciiStarRatingRow>;
