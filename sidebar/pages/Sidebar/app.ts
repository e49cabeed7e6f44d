/**
 * What every view of the sidebar shares: the typed server, who the user is,
 * the message line and navigation between views.
 */
import type { AsyncApi } from '../../lib/rpc';
import type { ClientCardDto, ServerApi, SidebarState } from '../../../src/shared/api';

export type View = SidebarState['view'];

export interface App {
  server: AsyncApi<ServerApi>;
  state: SidebarState;
  /** shows a message above the view; errors stay until the next action, others fade */
  notify(message: string, kind?: 'error' | 'ok'): void;
  clearNotice(): void;
  /** the card of `clientId`, or of the selected row when ''; `fallbackId`'s card when that row names no client */
  openCard(clientId: string, fallbackId?: string): Promise<void>;
  /** shows a card the server already returned (after a save), without reading it again */
  showCardData(card: ClientCardDto): void;
  openNewClient(): void;
  openTasks(): Promise<void>;
  openSearch(): Promise<void>;
}
