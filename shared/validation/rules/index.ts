import type { ValidationRule } from '../types';

/** Every validation rule, in the order their findings are listed. */
export const RULES: readonly ValidationRule[] = [];
