import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { makeViewContext, type ViewContext } from '../context.ts';
import { ActionPanel, DataTable, ErrorSummary, FilterBar, FilterInput, FilterSelect, formatShortDate, formatShortDateTime, Pagination, parseSort, sortHref, sortRows, StatusTag, SummaryList, type Column } from './index.ts';

const ctx = (locale: 'id' | 'en' = 'id'): ViewContext =>
  makeViewContext({ locale, user: null, csrfToken: 'tok', path: '/kelola/x', regionName: 'Kabupaten Contoh', timeZone: 'Asia/Makassar' });

interface Row {
  id: string;
  name: string;
  count: number;
}
const rows: Row[] = [
  { id: 'a', name: 'Dinas Kesehatan', count: 1200 },
  { id: 'b', name: 'Badan <Pendapatan>', count: 3 },
];
const columns: Column<Row>[] = [
  { key: 'name', label: 'Nama', cell: (r) => r.name, sortable: true, primary: true },
  { key: 'count', label: 'Jumlah', cell: (r) => r.count.toLocaleString('id-ID'), sortable: true, num: true, nowrap: true },
  { key: 'note', label: 'Catatan', cell: () => '' },
];

describe('DataTable', () => {
  it('[P-6] labels every cell for stacking, marks the row header and escapes text', () => {
    const html = render(<DataTable ctx={ctx()} columns={columns} rows={rows} rowKey={(r) => r.id} caption="Perangkat daerah" />);
    expect(html).toContain('<table class="data-table">');
    expect(html).toContain('<caption>Perangkat daerah</caption>');
    expect(html).toContain('<th scope="row" class="primary" data-label="Nama">Dinas Kesehatan</th>');
    expect(html).toContain('<td class="num nowrap" data-label="Jumlah">1.200</td>');
    expect(html).toContain('data-label="Catatan"');
    expect(html).toContain('Badan &lt;Pendapatan>');
    // Without a link builder, headers are plain.
    expect(html).not.toContain('sort-link');
  });

  it('[P-6] sortable headers are links with aria-sort on the sorted column and the reverse order on its link', () => {
    const link = (key: string, dir: string) => `/kelola/x?urut=${key}&arah=${dir === 'desc' ? 'turun' : 'naik'}`;
    const html = render(<DataTable ctx={ctx()} columns={columns} rows={rows} rowKey={(r) => r.id} sort={{ key: 'name', dir: 'asc' }} sortLink={link} />);
    expect(html).toMatch(/<th scope="col" aria-sort="ascending"><a href="\/kelola\/x\?urut=name&amp;arah=turun" class="sort-link">Nama/);
    expect(html).toContain('href="/kelola/x?urut=count&amp;arah=naik"');
    expect(html).toContain('diurutkan naik');
    // The column without `sortable` has no link.
    expect(html).toContain('<th scope="col">Catatan</th>');
  });

  it('[P-6] a column sorted descending says so (aria-sort, hidden text in the page language) and links to ascending; only one column is marked', () => {
    const link = (key: string, dir: string) => sortHref('/kelola/antrian-kerja', { saluran: 'online', setelah: 'abc' }, key, dir as 'asc' | 'desc');
    const html = render(<DataTable ctx={ctx('en')} columns={columns} rows={rows} rowKey={(r) => r.id} sort={{ key: 'count', dir: 'desc' }} sortLink={link} />);
    expect(html).toMatch(/<th scope="col" class="num" aria-sort="descending"><a href="\/kelola\/antrian-kerja\?saluran=online&amp;urut=count&amp;arah=naik" class="sort-link">Jumlah/);
    expect(html.match(/aria-sort=/g)).toHaveLength(1);
    expect(html).toContain('sorted descending');
    // The page cursor is dropped: a new order starts at the first page.
    expect(html).not.toContain('setelah');
    expect(html).toContain('href="/kelola/antrian-kerja?saluran=online&amp;urut=name&amp;arah=naik"');
  });

  it('[P-6] an empty list shows the empty state instead of a table; actions get their own column', () => {
    expect(render(<DataTable ctx={ctx()} columns={columns} rows={[]} rowKey={(r) => r.id} />)).toBe('<p class="empty-state">Tidak ada data.</p>');
    expect(render(<DataTable ctx={ctx('en')} columns={columns} rows={[]} rowKey={(r) => r.id} empty="No agencies yet." />)).toContain('No agencies yet.');
    const html = render(<DataTable ctx={ctx()} columns={columns} rows={rows} rowKey={(r) => r.id} actions={(r) => <a href={`/x/${r.id}`}>Ubah</a>} />);
    expect(html).toContain('<th scope="col">Tindakan</th>');
    expect(html).toContain('<td class="row-actions" data-label="Tindakan"><a href="/x/a">Ubah</a></td>');
  });

  it('[S-5] parseSort accepts only known columns; sortHref keeps filters and drops the page cursor', () => {
    expect(parseSort({ urut: 'name', arah: 'turun' }, ['name', 'count'], { key: 'count', dir: 'asc' })).toEqual({ key: 'name', dir: 'desc' });
    expect(parseSort({ urut: 'password', arah: 'turun' }, ['name', 'count'], { key: 'count', dir: 'asc' })).toEqual({ key: 'count', dir: 'asc' });
    expect(parseSort({ urut: ['name'] }, ['name'], { key: 'name', dir: 'desc' })).toEqual({ key: 'name', dir: 'desc' });
    expect(parseSort(undefined, ['name'], { key: 'name', dir: 'asc' })).toEqual({ key: 'name', dir: 'asc' });
    expect(sortHref('/kelola/x', { q: 'dinas kes', jenis: '', sebelum: '42', urut: 'old' }, 'name', 'desc')).toBe('/kelola/x?q=dinas+kes&urut=name&arah=turun');
  });

  it('sortRows sorts strings by Indonesian collation and numbers by value, missing values last', () => {
    const list = [{ n: 'b', v: 10 }, { n: 'A', v: 2 }, { n: 'c', v: null }];
    expect(sortRows(list, { key: 'n', dir: 'asc' }, (r, k) => (k === 'n' ? r.n : r.v)).map((r) => r.n)).toEqual(['A', 'b', 'c']);
    expect(sortRows(list, { key: 'v', dir: 'desc' }, (r, k) => (k === 'n' ? r.n : r.v)).map((r) => r.n)).toEqual(['b', 'A', 'c']);
  });
});

describe('FilterBar', () => {
  it('[S-5] is a GET form with labelled fields, keeps the values typed and offers to clear them', () => {
    const html = render(
      <FilterBar ctx={ctx()} action="/kelola/instansi" active hidden={{ urut: 'name', arah: undefined }}>
        <FilterInput name="q" label="Cari" type="search" value={'"><script>'} />
        <FilterSelect name="jenis" label="Jenis" allLabel="Semua jenis" value="dinas" options={[{ value: 'dinas', label: 'Dinas' }, { value: 'badan', label: 'Badan' }]} />
      </FilterBar>,
    );
    expect(html).toMatch(/^<form method="get" action="\/kelola\/instansi" class="filter-bar" role="search" aria-label="Saringan">/);
    expect(html).toContain('<input type="hidden" name="urut" value="name"/>');
    expect(html).not.toContain('name="arah"');
    expect(html).toContain('<label for="f-q">Cari</label>');
    expect(html).toContain('value="&quot;>&lt;script>"');
    expect(html).toContain('<option value="dinas" selected>Dinas</option>');
    expect(html).toContain('<a href="/kelola/instansi" class="filter-reset">Hapus saringan</a>');
    expect(render(<FilterBar ctx={ctx()} action="/a">x</FilterBar>)).not.toContain('filter-reset');
  });

  it('[S-5] a refused filter value shows its message next to the field and keeps the value', () => {
    const html = render(<FilterInput name="dari" label="Dari" type="date" value="2026-13-40" error="Tanggal tidak valid" />);
    expect(html).toContain('class="field field-error"');
    expect(html).toContain('<p class="error-message" id="f-dari-error">Tanggal tidak valid</p>');
    expect(html).toContain('aria-invalid="true" aria-describedby="f-dari-error"');
    expect(html).toContain('value="2026-13-40"');
  });
});

describe('Pagination, summary list, status tag, action panel, error summary', () => {
  it('pagination links carry rel and a label; nothing is rendered without pages', () => {
    const html = render(<Pagination ctx={ctx()} next="/x?sebelum=9" first="/x" count={25} total={1300} />);
    expect(html).toContain('<nav class="pagination" aria-label="Halaman">');
    expect(html).toContain('Menampilkan 25 dari 1.300');
    expect(html).toContain('<a href="/x?sebelum=9" rel="next">Berikutnya');
    expect(html).toContain('<a href="/x">Terbaru</a>');
    expect(html).not.toContain('rel="prev"');
    expect(render(<Pagination ctx={ctx()} />)).toBe('');
  });

  it('summary list: a dl of rows, a dash for empty values, actions with hidden context', () => {
    const html = render(<SummaryList rows={[{ label: 'Nama', value: 'Siti' }, null, { label: 'Telepon', value: '', action: { href: '/akun/ubah', label: 'Ubah', hiddenLabel: 'telepon' } }]} />);
    expect(html).toBe(
      '<dl class="summary-list"><div class="summary-row"><dt>Nama</dt><dd>Siti</dd></div><div class="summary-row"><dt>Telepon</dt><dd>—</dd><dd class="summary-action"><a href="/akun/ubah">Ubah<span class="visually-hidden"> telepon</span></a></dd></div></dl>',
    );
    expect(render(<SummaryList rows={[]} />)).toBe('');
  });

  it('status tag and action panel', () => {
    expect(render(<StatusTag tone="danger">Terlambat</StatusTag>)).toBe('<strong class="status-tag tone-danger">Terlambat</strong>');
    expect(render(<StatusTag>Baru</StatusTag>)).toContain('tone-neutral');
    const panel = render(
      <ActionPanel ctx={ctx()}>
        <button type="submit">Teruskan</button>
      </ActionPanel>,
    );
    expect(panel).toBe('<section class="action-panel" aria-labelledby="tindakan-title" id="tindakan"><h2 id="tindakan-title">Tindakan</h2><button type="submit">Teruskan</button></section>');
    expect(render(<ActionPanel ctx={ctx('en')} id="p2" title="Step" lead="Now">x</ActionPanel>)).toContain('<h2 id="p2-title">Step</h2><p class="muted">Now</p>');
  });

  it('[S-5] error summary links to each field and is announced', () => {
    const html = render(<ErrorSummary ctx={ctx()} errors={[{ field: 'from', key: 'validation.required' }]} labels={{ from: 'Dari tanggal' }} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#f-from">Dari tanggal: ');
    expect(render(<ErrorSummary ctx={ctx()} errors={[]} labels={{}} />)).toBe('');
  });
});

describe('short dates for tables', () => {
  it('[P-6] 15 Des 2026 in the region time zone, English month names in English', () => {
    const d = new Date('2026-12-14T17:30:00Z'); // 15 December 01.30 WITA
    expect(formatShortDate('id', d, 'Asia/Makassar')).toBe('15 Des 2026');
    expect(formatShortDate('id', d, 'Asia/Jakarta')).toBe('15 Des 2026');
    expect(formatShortDate('en', d, 'Asia/Makassar')).toBe('15 Dec 2026');
    expect(formatShortDateTime('id', d, 'Asia/Makassar')).toBe('15 Des 2026 01.30');
    expect(formatShortDateTime('en', new Date('2026-08-01T05:05:00Z'), 'Asia/Jakarta')).toBe('1 Aug 2026 12:05');
  });
});
