/**
 * Finding a client (sidebar search): by any part of the name in any case with
 * «ё» read as «е», by ИНН, by a phone number typed in any format, by e-mail, by
 * a client or a deal ID. The index holds only the key columns; it is read once
 * per search session and every keystroke filters it (this module is pure, so
 * the sidebar filters in the browser and the server's tests use the same code).
 */

/** One client of the index: ID · Клиент · ИНН · Телефон · Email · Статус клиента · Ответственный. */
export type SearchClientRow = [string, string, string, string, string, string, string];
/** One deal of the index: ID сделки · ID клиента · Этап. */
export type SearchDealRow = [string, string, string];

/** What the server sends once per search session (arrays, not objects: 20 000 clients stay small). */
export interface SearchIndexData {
  clients: SearchClientRow[];
  deals: SearchDealRow[];
}

export interface SearchDeal {
  id: string;
  stage: string;
}

export interface SearchResult {
  clientId: string;
  name: string;
  status: string;
  owner: string;
  deals: SearchDeal[];
  /** which keys matched: «Клиент», «ИНН», «Телефон», «Email», «ID клиента», «ID сделки» */
  matchedBy: string[];
}

interface Entry {
  row: SearchClientRow;
  name: string;
  inn: string;
  phone: string;
  email: string;
  id: string;
  deals: SearchDeal[];
  dealIds: string[];
}

export interface PreparedIndex {
  entries: Entry[];
}

/** Lower case, «ё» → «е», quotes and punctuation to spaces, single spaces. */
export function normalizeSearchText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„`()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The digits of a phone number without the country prefix: «8 (912) 345-67-89» → «9123456789». */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  if (digits.length === 11 && (digits[0] === '7' || digits[0] === '8')) return digits.slice(1);
  return digits;
}

/** An ID in one spelling: Latin «K»/«C» typed for Cyrillic «К»/«С», dash optional, case ignored. */
export function normalizeId(text: string): string {
  return idKey(text) || compactId(text);
}

function compactId(text: string): string {
  return text.trim().toUpperCase().replace(/^K/, 'К').replace(/^C/, 'С').replace(/\s/g, '');
}

/** The client or deal ID a text spells (as `normalizeId` reads it), or '' when it spells none. */
function idKey(text: string): string {
  const m = /^([КС])-?(\d+)$/.exec(compactId(text));
  return m ? `${m[1]}-${m[2].padStart(5, '0')}` : '';
}

/** Prepares the index once per session: each client with its normalised keys and its deals. */
export function prepareSearchIndex(data: SearchIndexData): PreparedIndex {
  const dealsByClient = new Map<string, SearchDeal[]>();
  for (const [id, clientId, stage] of data.deals) {
    if (!id || !clientId) continue;
    const list = dealsByClient.get(clientId) ?? [];
    list.push({ id, stage });
    dealsByClient.set(clientId, list);
  }
  const entries = data.clients
    .filter((row) => row[0] !== '')
    .map((row) => {
      const deals = dealsByClient.get(row[0]) ?? [];
      return {
        row,
        id: row[0].toUpperCase(),
        name: normalizeSearchText(row[1]),
        inn: row[2].replace(/\s/g, ''),
        phone: phoneDigits(row[3]),
        email: row[4].trim().toLowerCase(),
        deals,
        dealIds: deals.map((d) => d.id.toUpperCase()),
      };
    });
  return { entries };
}

/** How well an entry matches (higher first); 0 = no match. */
function score(entry: Entry, q: Query, matchedBy: string[]): number {
  let best = 0;
  // Stryker disable next-line ConditionalExpression: rows and deals without an ID are skipped, so a blank ID matches nothing either way
  if (q.id) {
    if (entry.id === q.id) {
      matchedBy.push('ID клиента');
      best = Math.max(best, 100);
    }
    if (entry.dealIds.includes(q.id)) {
      matchedBy.push('ID сделки');
      best = Math.max(best, 100);
    }
  }
  if (q.digits.length >= 3) {
    if (entry.inn.includes(q.digits)) {
      matchedBy.push('ИНН');
      best = Math.max(best, entry.inn === q.digits ? 90 : 50);
    }
    // a client without a phone has '', which holds no query of three digits
    const phone = q.phone;
    if (entry.phone.includes(phone) || entry.phone.includes(q.digits)) {
      matchedBy.push('Телефон');
      best = Math.max(best, entry.phone === phone ? 90 : 50);
    }
  }
  if (q.text.length >= 2 && entry.email.includes(q.text.replace(/ /g, ''))) {
    matchedBy.push('Email');
    best = Math.max(best, entry.email === q.text ? 90 : 40);
  }
  if (q.words.length > 0 && q.words.every((w) => entry.name.includes(w))) {
    matchedBy.push('Клиент');
    best = Math.max(best, entry.name.startsWith(q.words[0]) ? 60 : 45);
  }
  return best;
}

interface Query {
  text: string;
  words: string[];
  digits: string;
  phone: string;
  id: string;
}

function parseQuery(query: string): Query {
  const text = normalizeSearchText(query);
  const onlyNumber = /^[+\d\s().-]+$/.test(query); // spaces around are in the class too
  const digits = onlyNumber ? query.replace(/\D/g, '') : '';
  const trimmed = query.trim();
  // «+7 912…» or «8 912…» typed in part: the country or trunk prefix is not part of the stored number
  const national = /^\+7/.test(trimmed) || /^8/.test(trimmed) ? digits.slice(1) : phoneDigits(digits);
  const id = idKey(query);
  return {
    text,
    // the text has single spaces and no space at its ends, and a blank text finds nothing before words are read
    // Stryker disable next-line ArrayDeclaration: a word no name holds matches nothing, as no words do
    words: onlyNumber ? [] : text.split(' '),
    digits,
    phone: national.length >= 3 ? national : phoneDigits(digits),
    id,
  };
}

/**
 * The clients matching `query`, best first (an exact ID, ИНН, phone or e-mail
 * before a part of a name), at most `limit`; `total` is how many matched.
 */
export function searchClients(
  index: PreparedIndex,
  query: string,
  limit = 20,
): { results: SearchResult[]; total: number } {
  const q = parseQuery(query);
  if (q.text.length === 0) return { results: [], total: 0 };
  const found: { entry: Entry; score: number; matchedBy: string[] }[] = [];
  for (const entry of index.entries) {
    const matchedBy: string[] = [];
    const s = score(entry, q, matchedBy);
    if (s > 0) found.push({ entry, score: s, matchedBy });
  }
  found.sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name, 'ru'));
  return {
    total: found.length,
    results: found.slice(0, limit).map(({ entry, matchedBy }) => ({
      clientId: entry.row[0],
      name: entry.row[1],
      status: entry.row[5],
      owner: entry.row[6],
      deals: entry.deals,
      matchedBy,
    })),
  };
}
