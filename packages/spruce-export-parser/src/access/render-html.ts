import { ACCESS_EXCEPTION_KINDS, type AccessException, type AccessExceptionKind, type ConversationAccessReport, type ConversationViewer } from './access-types.js';

/** Options of {@link renderAccessHtml}. */
export interface AccessHtmlOptions {
  /**
   * The page's title and heading.
   * @default 'Spruce conversation access'
   */
  title?: string | undefined;
}

/** Why each kind of exception matters, as the report explains it. */
export const EXCEPTION_REASONS: Record<AccessExceptionKind, string> = {
  'author-not-viewer': 'Wrote in a restricted conversation they could not see at the time: the endpoints file is wrong or out of date.',
  'paged-not-viewer': 'Was paged in a restricted conversation they cannot see.',
  'temporary-access': 'Was added to a restricted conversation and never removed: temporary access that stayed.',
  'unknown-entity': 'Was added to a conversation but is not in the export’s entities: a deleted account still listed.',
  'ineffective-removal': 'A removal of an endpoint owner or member: it had no effect, they still see the conversation.',
  'unlisted-endpoint': 'An endpoint in use that the endpoints file does not list: its conversations are treated as open to the whole organisation.',
};

const REASON_LABELS: Record<ConversationViewer['reason'], string> = {
  'endpoint-owner': 'endpoint owner',
  'endpoint-member': 'endpoint member',
  'conversation-member': 'added to the conversation',
  organisation: 'whole organisation',
};

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d2330;max-width:72rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #d5d9e0;padding-bottom:.25rem}
.note{color:#5a6372;margin:.25rem 0 1rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #e6e9ee;vertical-align:top}th{background:#f3f5f8;font-weight:600}
.kind{font-weight:600;white-space:nowrap}.exc-high{color:#a3231b}.exc-mid{color:#8a5a00}.id{font-family:ui-monospace,Menlo,monospace;font-size:.85em;color:#5a6372}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d5d9e0;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}`;

const HIGH: readonly AccessExceptionKind[] = ['author-not-viewer', 'paged-not-viewer', 'temporary-access'];

/**
 * The access report as one self-contained HTML page for a privacy officer: a summary, the
 * exceptions first with their reasons, a summary per teammate, then per endpoint its restricted
 * conversations and who can see them. No script, no stylesheet or font to fetch, no message text;
 * patient names only when the report holds them (`conversationAccess(..., { patientNames: true })`).
 *
 * @example
 * ```ts
 * await writeFile('access.html', renderAccessHtml(await conversationAccess(exports, endpoints)));
 * ```
 */
export function renderAccessHtml(report: ConversationAccessReport, options: AccessHtmlOptions = {}): string {
  const title = options.title ?? 'Spruce conversation access';
  const names = new Map<string, string | null>([...report.teammates, ...report.teams].map((entity) => [entity.entity_id, entity.name]));
  const who = (id: string | null) => (id === null ? '' : `${esc(names.get(id) ?? '')} <span class="id">${esc(id)}</span>`);
  const patient = (conversation: string | null) => (conversation === null ? '' : esc(report.patient_names?.[conversation] ?? ''));
  const showPatients = report.patient_names !== undefined;
  const restricted = report.viewers.filter((row) => row.entity_id !== null);
  const openCount = report.viewers.length - restricted.length;
  const restrictedCount = new Set(restricted.map((row) => row.conversation_id)).size;

  const html: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(title)}</h1>`,
    `<p class="note">At ${esc(iso(report.at))}. The export has no view log: this report says who <em>could</em> see each conversation, not who looked.</p>`,
    '<div class="cards">',
    card('restricted conversations', restrictedCount),
    card('open to the organisation', openCount),
    card('teammates', report.teammates.length),
    card('exceptions', report.exceptions.length),
    '</div>',
    '<h2 id="exceptions">Exceptions</h2>',
  ];
  if (report.exceptions.length === 0) html.push('<p>None.</p>');
  for (const kind of ACCESS_EXCEPTION_KINDS) {
    const rows = report.exceptions.filter((row) => row.kind === kind);
    if (rows.length === 0) continue;
    html.push(`<h3 class="kind ${HIGH.includes(kind) ? 'exc-high' : 'exc-mid'}">${esc(kind)} (${rows.length})</h3><p class="note">${esc(EXCEPTION_REASONS[kind])}</p>`);
    html.push(table(kind === 'unlisted-endpoint' ? ['Endpoint', 'Conversations'] : ['Conversation', ...(showPatients ? ['Patient'] : []), 'Teammate', 'Endpoint', 'When'], rows.map(exceptionCells)));
  }
  html.push('<h2 id="teammates">Teammates</h2><p class="note">How many restricted conversations each teammate can see, and through which endpoints. Every teammate also sees the conversations open to the organisation.</p>');
  html.push(
    table(
      ['Teammate', 'Restricted conversations', 'Endpoints'],
      report.teammates.map((t) => [who(t.entity_id), String(t.restricted_conversations), t.endpoints.map(esc).join(', ')]),
    ),
  );
  html.push('<h2 id="endpoints">Endpoints</h2>');
  const byEndpoint = new Map<string, ConversationViewer[]>();
  for (const row of restricted) {
    const key = row.endpoint ?? '';
    let rows = byEndpoint.get(key);
    if (!rows) byEndpoint.set(key, (rows = []));
    rows.push(row);
  }
  if (byEndpoint.size === 0) html.push('<p>No restricted conversation.</p>');
  for (const [endpoint, rows] of [...byEndpoint].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const conversations = new Set(rows.map((row) => row.conversation_id)).size;
    html.push(`<details open><summary>${esc(endpoint)}: ${conversations} conversation${conversations === 1 ? '' : 's'}</summary>`);
    html.push(
      table(
        ['Conversation', ...(showPatients ? ['Patient'] : []), 'Viewer', 'Why', 'Through team', 'Since'],
        rows.map((row) => [
          `<span class="id">${esc(row.conversation_id)}</span>`,
          ...(showPatients ? [patient(row.conversation_id)] : []),
          who(row.entity_id),
          esc(REASON_LABELS[row.reason]),
          who(row.via_team),
          esc(iso(row.since)),
        ]),
      ),
    );
    html.push('</details>');
  }
  html.push(`<p class="note">${openCount} conversation${openCount === 1 ? ' is' : 's are'} open to the whole organisation (endpoint not restricted).</p></body></html>`);
  return html.join('\n');

  function exceptionCells(row: AccessException): string[] {
    if (row.kind === 'unlisted-endpoint') return [esc(row.endpoint ?? ''), String(row.conversations ?? '')];
    return [`<span class="id">${esc(row.conversation_id ?? '')}</span>`, ...(showPatients ? [patient(row.conversation_id)] : []), who(row.entity_id), esc(row.endpoint ?? ''), esc(iso(row.at))];
  }
}

function card(label: string, value: number): string {
  return `<div class="card"><b>${value}</b>${esc(label)}</div>`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${headers.map((header) => `<th>${esc(header)}</th>`).join('')}</tr>`;
  return `<table><thead>${head}</thead><tbody>${rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function iso(date: Date | null): string {
  return date === null ? '' : date.toISOString().replace('.000Z', 'Z');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attributes. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}
