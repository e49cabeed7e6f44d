/**
 * One server call at a time per control: the buttons are disabled and show
 * that work is under way until the call settles, so nothing is sent twice.
 * While any call is out, <body data-busy> is set (tests and styles wait on it).
 */

let inFlight = 0;

function track(delta: number): void {
  inFlight += delta;
  if (inFlight > 0) document.body.setAttribute('data-busy', '');
  else document.body.removeAttribute('data-busy');
}

/** Disables `controls` (and marks the first as busy) while `task` runs; restores them after. */
export async function whileBusy<T>(controls: readonly HTMLElement[], task: () => Promise<T>): Promise<T> {
  const buttons = controls as readonly (HTMLElement & { disabled?: boolean })[];
  const states = buttons.map((c) => c.disabled === true);
  for (const c of buttons) c.disabled = true;
  controls[0]?.classList.add('busy');
  track(1);
  try {
    return await task();
  } finally {
    buttons.forEach((c, i) => (c.disabled = states[i]));
    controls[0]?.classList.remove('busy');
    track(-1);
  }
}

/** The message of an error from google.script.run (Apps Script prefixes some with «Exception: »). */
export function errorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw.replace(/^(Exception|Error|DomainError|ScriptError):\s*/, '') || 'Ошибка сервера';
}
