import { browserCommand, openInBrowser } from '../../local/open-browser';

const URL = 'http://127.0.0.1:8080';

describe('npm start opening the browser', () => {
  it('uses the desktop’s opener where there is a desktop', () => {
    expect(browserCommand(URL, 'darwin', {})).toEqual({ command: 'open', args: [URL] });
    expect(browserCommand(URL, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '""', URL] });
    expect(browserCommand(URL, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [URL] });
    expect(browserCommand(URL, 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({
      command: 'xdg-open',
      args: [URL],
    });
  });

  it('opens nothing without a display or with BROWSER=none, and then only tells the address', async () => {
    expect(browserCommand(URL, 'linux', {})).toBeNull();
    expect(browserCommand(URL, 'freebsd', {})).toBeNull();
    expect(browserCommand(URL, 'darwin', { BROWSER: 'none' })).toBeNull();
    await expect(openInBrowser(URL, 'linux', {})).resolves.toEqual({
      opened: false,
      message: `Откройте ${URL} в браузере`,
    });
  });

  it('never fails when the opener cannot be started, and still gives the address', async () => {
    // a display without xdg-open on the PATH
    const result = await openInBrowser(URL, 'linux', { DISPLAY: ':0', PATH: '/nonexistent' });
    expect(result.opened).toBe(false);
    expect(result.message).toContain(`Откройте ${URL} в браузере`);
  });
});
