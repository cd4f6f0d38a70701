import type { Deps } from '../app.ts';

/** `simpul user create …` and `simpul user reset-password …`. Returns the exit code. */
export async function runUserCommand(_deps: Deps, _args: string[]): Promise<number> {
  console.error('not implemented yet');
  return 2;
}
