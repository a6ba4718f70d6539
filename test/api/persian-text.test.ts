import { describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { projectBody, unique } from '../support/fixtures.ts';

/**
 * Persian text as people write it, over HTTP: kept as written (their digits included), compared
 * by one name key, a broken character refused, a percentage kept to its precision.
 */
describe('text kept as written', () => {
  it("stores titles, names and notes with the writer's digits; Arabic letters and invisible characters are still normalized", async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const created = await api('/projects', {
      token: editor,
      body: projectBody('IR-13', { title: 'كارگاه منطقه ۱۹\u202e', village: 'روستای بلوك ٣' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('کارگاه منطقه ۱۹');
    expect(created.body.village).toBe('روستای بلوک ۳'); // Arabic-Indic digits are written as Persian, like ك as ک
    const latin = await api('/projects', { token: editor, body: projectBody('IR-13', { title: 'بلوک 12 شهرک' }) });
    expect(latin.body.title).toBe('بلوک 12 شهرک');

    const report = await api(`/projects/${created.body.id}/progress`, {
      token: editor,
      body: { progressPercent: 40, note: 'پیشرفت ۹۲ درصدی دیوار\nسقف ۲ طبقه' },
    });
    expect(report.status).toBe(201);
    expect(report.body.report.note).toBe('پیشرفت ۹۲ درصدی دیوار\nسقف ۲ طبقه');
    expect((await api(`/projects/${created.body.id}`)).body.title).toBe('کارگاه منطقه ۱۹');
  });

  it('refuses a name with a broken character (U+FFFD from a bad copy), naming the field, and writes nothing', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const title = `${unique('کارگاه')} \ufffd`;
    const refused = await api('/projects', { token: editor, body: projectBody('IR-13', { title }), headers: { 'accept-language': 'fa' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'title', message: expect.stringContaining('نویسهٔ خراب') })]);
    const admin = await tokenFor('admin', '*');
    expect((await api('/partners', { token: admin, body: { name: 'خیریه \ufffd', kind: 'charity' } })).body.errors[0].field).toBe('name');
    const listed = await api('/projects?province=IR-13&limit=100');
    expect(listed.body.items.some((p: { title: string }) => p.title.includes('\ufffd'))).toBe(false);
  });

  it('lists a programme by any spelling of its name (digits, ZWNJ, hamza, ezafe)', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const tag = unique('طرح').split(' ')[1];
    const written = `طرح ۴۰ هزار پروژه‌ای کمیتهٔ مؤمنانه ${tag}`;
    const made = await api('/projects', { token: editor, body: projectBody('IR-13', { programme: written }) });
    expect(made.body.programme).toBe(written);
    for (const spelling of [written, `طرح 40 هزار پروژه ای کمیته‌ی مومنانه ${tag}`, `طرح٤٠هزارپروژه‌اي کميته ی مومنانه ${tag}`]) {
      const found = await api(`/projects?programme=${encodeURIComponent(spelling)}&province=IR-13`);
      expect(
        found.body.items.map((p: { id: string }) => p.id),
        spelling,
      ).toEqual([made.body.id]);
    }
  });
});

describe('a percentage keeps its precision', () => {
  it('«۹۹٫۹۹» on an unfinished project stays 99.99, and a province with only that project does not read 100', async () => {
    // Chaharmahal and Bakhtiari (IR-08): no other test writes there.
    const editor = await tokenFor('editor', ['IR-08']);
    const before = (await api('/provinces/IR-08')).body.projects;
    const made = await api('/projects', { token: editor, body: projectBody('IR-08', { status: 'in_progress', progressPercent: '۹۹٫۹۹' }) });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ progressPercent: 99.99, status: 'in_progress' });
    expect(
      (await api('/projects', { token: editor, body: projectBody('IR-08', { progressPercent: '99.996', status: 'in_progress' }) })).body.progressPercent,
    ).toBe(99.99);
    const after = await eventually(
      async () => (await api('/provinces/IR-08')).body.projects,
      (p) => p.total === before.total + 2,
    );
    expect(after.averageProgressPercent).toBeLessThan(100);
    if (before.total === 0) expect(after.averageProgressPercent).toBe(99.99);
  });
});
