/** Messages between the local page and the sidebar/dialog frames it hosts. */

export type FrameToPage =
  | { kind: 'run'; id: number; fn: string; args: unknown[] }
  | { kind: 'close' }
  | { kind: 'resize'; width?: number; height?: number }
  | { kind: 'focus-editor' };

export type PageToFrame = { kind: 'run-result'; id: number; ok: boolean; result?: unknown; error?: string };
