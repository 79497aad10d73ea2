/** Field types that several parts of the environment's schema share. */
import { z } from 'zod';

export const durationMs = z.coerce.number().int().positive();

/** Blank is unset. */
export const optionalText = z
  .string()
  .optional()
  .transform((s) => s?.trim() || undefined);
