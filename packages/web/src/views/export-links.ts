import { API_BASE } from '../config.ts';
import { h } from '../dom.ts';

/**
 * «دریافت CSV» and «دریافت اکسل» for the table a page shows: the API's open-data routes
 * (`/projects.csv?…`, `/projects.xlsx?…`) with exactly the page's filters. Public tables are
 * plain links; tables only a signed-in user may read are fetched with the token and saved from
 * memory (a token never goes into a URL).
 */
export interface ExportLinks {
  element: HTMLElement;
  /** The table's filters changed. */
  update(query: URLSearchParams): void;
}

const FORMATS = [
  { ext: 'csv', label: 'دریافت CSV' },
  { ext: 'xlsx', label: 'دریافت اکسل (XLSX)' },
] as const;

export function exportLinks(path: string, what: string, token?: () => string | undefined): ExportLinks {
  let query = new URLSearchParams();
  const url = (ext: string) => `${API_BASE}${path}.${ext}${query.size ? `?${query}` : ''}`;
  const status = h('span', { class: 'export-status', role: 'status' });
  const links = FORMATS.map((format) => {
    const link = h('a', { class: 'button secondary', 'data-export': format.ext, download: '' }, format.label);
    if (token)
      link.addEventListener('click', (event) => {
        event.preventDefault();
        void save(format.ext);
      });
    return link;
  });
  const refresh = () => {
    for (const [i, format] of FORMATS.entries()) links[i]!.href = url(format.ext);
  };

  async function save(ext: string) {
    status.textContent = 'در حال آماده‌کردن فایل…';
    try {
      const response = await fetch(url(ext), { headers: { authorization: `Bearer ${token?.() ?? ''}`, 'accept-language': 'fa' } });
      if (!response.ok) throw new Error(String(response.status));
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${path.replace(/\W+/g, '')}.${ext}`;
      const objectUrl = URL.createObjectURL(await response.blob());
      const anchor = h('a', { href: objectUrl, download: name, hidden: true });
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
      status.textContent = '';
    } catch {
      status.textContent = 'دریافت فایل ممکن نشد؛ دوباره تلاش کنید.';
    }
  }

  refresh();
  return {
    element: h('p', { class: 'exports', 'data-testid': 'exports', 'aria-label': `دریافت ${what}` }, ...links, status),
    update(next) {
      query = new URLSearchParams(next);
      query.delete('limit');
      query.delete('cursor');
      refresh();
    },
  };
}
