/**
 * `npm start` opens the local page in the person's browser when there is a
 * desktop to open it on: macOS (`open`), Windows (`start`), or a Linux/BSD
 * session with a display (DISPLAY or WAYLAND_DISPLAY, `xdg-open`). On a server
 * or in a container there is none, and the address printed is the way in.
 * Never fails: a browser that cannot be started only changes the message.
 */
import { spawn } from 'node:child_process';

export interface BrowserCommand {
  command: string;
  args: string[];
}

/** How to open `url` on this platform, or null when there is no desktop (or BROWSER=none). */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): BrowserCommand | null {
  if (env.BROWSER === 'none') return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // «start» is a command of cmd.exe; its first quoted argument is the window title
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}

/**
 * Tries to open `url`; resolves with what to tell the person (never rejects).
 * A launcher that is missing or exits with an error within a few seconds
 * counts as not opened.
 */
export function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ opened: boolean; message: string }> {
  const how = browserCommand(url, platform, env);
  const manual = `Откройте ${url} в браузере`;
  if (!how) return Promise.resolve({ opened: false, message: manual });
  return new Promise((resolve) => {
    let done = false;
    const finish = (opened: boolean) => {
      if (done) return;
      done = true;
      resolve(
        opened
          ? { opened, message: `Страница открыта в браузере: ${url}` }
          : { opened, message: `Браузер открыть не удалось (${how.command}). ${manual}` },
      );
    };
    try {
      const child = spawn(how.command, how.args, { stdio: 'ignore', detached: true, env });
      child.on('error', () => finish(false));
      child.on('exit', (code) => finish(code === 0));
      child.unref();
      // xdg-open may stay running while the browser starts: no news within 3 s is good news
      setTimeout(() => finish(true), 3000).unref();
    } catch {
      finish(false);
    }
  });
}
