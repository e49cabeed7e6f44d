/**
 * Opening the sidebar page and telling it which view to show. The menu item
 * stores the view (and the selected client) in the user's properties; the page
 * asks for it with getSidebarState().
 */
import { readTriggerHealth } from '../../adapter/trigger-health';
import { DomainError } from '../../domain/money';
import type { SidebarState } from '../../shared/api';
import type { CrmContext } from './crm-context';
import { clientCard, selectedClientId } from './deal-service';
import { drainPending } from './edit-trigger';

const STATE_KEY = 'crm.sidebar';
/** The sidebar page built from sidebar/pages/Sidebar. */
export const SIDEBAR_PAGE = 'Sidebar';

const TITLES: Record<SidebarState['view'], string> = {
  card: 'Карточка клиента',
  'new-client': 'Новый клиент',
  tasks: 'Мои задачи',
};

/** Opens the sidebar on `view`. */
export function openSidebar(ctx: CrmContext, view: SidebarState['view']): void {
  const clientId = view === 'card' ? selectedClientId(ctx) : '';
  PropertiesService.getUserProperties().setProperty(STATE_KEY, JSON.stringify({ view, clientId }));
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_PAGE).setTitle(TITLES[view]);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The view the sidebar should show, as the last menu item set it. */
export function sidebarState(ctx: CrmContext): SidebarState {
  const raw = PropertiesService.getUserProperties().getProperty(STATE_KEY);
  const stored = parseState(raw);
  const view = stored.view === 'new-client' || stored.view === 'tasks' ? stored.view : 'card';
  drainPending(ctx.ss);
  const clientId = typeof stored.clientId === 'string' ? stored.clientId : '';
  const state: SidebarState = {
    view,
    clientId,
    user: ctx.user,
    isDirector: ctx.isDirector,
    notice: readTriggerHealth(ctx.now).notice,
  };
  if (view === 'card' && clientId !== '') {
    try {
      state.card = clientCard(ctx, clientId);
    } catch (error) {
      // the page asks for the card itself and shows the message with its buttons
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return state;
}

function parseState(raw: string | null): { view?: string; clientId?: string } {
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as { view?: string; clientId?: string }) : {};
  } catch {
    return {};
  }
}
