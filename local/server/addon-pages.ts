/**
 * Sidebars and dialogs the script shows: their HTML (the real pages from
 * dist/, as HtmlService evaluated them) is kept under a number and served to
 * an iframe with the google.script.run shim placed before the page's own
 * scripts.
 */

/** How many shown pages stay reachable; older ones are dropped. */
const KEEP_PAGES = 50;

export class AddonPages {
  private readonly pages = new Map<number, string>();
  private next = 1;

  /** Stores a page's HTML and returns the path the iframe loads it from. */
  add(html: string): string {
    const id = this.next++;
    this.pages.set(id, html);
    for (const key of this.pages.keys()) {
      if (this.pages.size <= KEEP_PAGES) break;
      this.pages.delete(key);
    }
    return `/page/${id}`;
  }

  /** The stored HTML of a page with `shimScript` injected, or undefined for an unknown page. */
  render(id: number, shimScript: string): string | undefined {
    const html = this.pages.get(id);
    if (html === undefined) return undefined;
    return injectShim(html, shimScript);
  }
}

/**
 * Puts the shim first in <head> (or before the first script), so a page's
 * script that calls google.script.run while loading finds it.
 */
export function injectShim(html: string, shimScript: string): string {
  // "</script" inside the shim would end the tag early.
  const tag = `<script>${shimScript.replace(/<\/script/gi, '<\\/script')}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const script = /<script[\s>]/i.exec(html);
  if (script) return html.slice(0, script.index) + tag + html.slice(script.index);
  return tag + html;
}
