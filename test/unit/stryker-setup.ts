/**
 * For `npm run mutate` only: a property that fails under a mutant stops at its first
 * counterexample instead of shrinking it, so the mutant is reported killed without the wait.
 */
import fc from 'fast-check';

fc.configureGlobal({ endOnFailure: true });
