/** The zod schema of the session's "exercise" field (see exercise.ts); zod only, so schema.ts can import it. */
import { z } from 'zod';

const str = z.string({ error: 'a string' });
export const exerciseSchema = z.looseObject(
  {
    run: str.min(1, { error: 'a non-empty string' }).optional(),
    update: z.int({ error: 'an integer >= 0' }).min(0, { error: 'an integer >= 0' }).default(0),
    hidden: z.boolean({ error: 'true or false' }).default(false),
    revealed: z.boolean({ error: 'true or false' }).default(false),
    answers: z.array(z.looseObject({ name: str, value: str }, { error: 'an object {"name", "value"}' }), { error: 'a list' }).default([]),
    results: z
      .array(
        z.looseObject(
          {
            name: str,
            typed: str,
            key: str.optional(),
            mark: z.enum(['right', 'slip', 'wrong', 'unknown'], { error: 'one of "right", "slip", "wrong", "unknown"' }),
            text: str,
            details: z.array(str, { error: 'a list of strings' }).default([]),
          },
          { error: 'an object' },
        ),
        { error: 'a list' },
      )
      .optional(),
  },
  { error: 'an object' },
);

export type Exercise = z.output<typeof exerciseSchema>;
export type SavedResult = NonNullable<Exercise['results']>[number];

