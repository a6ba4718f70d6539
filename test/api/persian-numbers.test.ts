import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { createDrive, donationBody, projectBody } from '../support/fixtures.ts';

/** Issue 10: amounts and counts as Iranian reports write them, read exactly over HTTP. */
describe('numbers as people write them', () => {
  let editor: string;
  let drive: string;
  beforeAll(async () => {
    editor = await tokenFor('editor', ['IR-13']);
    drive = await createDrive('IR-13');
  });

  it('a donation of «۶۲ میلیارد» is stored as 62000000000 toman', async () => {
    const created = await api('/donations', { token: editor, body: donationBody(drive, 'IR-13', { amountToman: '۶۲ میلیارد' }) });
    expect(created.status).toBe(201);
    expect(created.body.amountToman).toBe('62000000000');
    const stored = await api(`/donations/${created.body.id}`, { token: editor });
    expect(stored.body.amountToman).toBe('62000000000');
  });

  it('a project with «۱ میلیارد و ۵۰۰ میلیون» toman and «دویست و بیست» jobs', async () => {
    const created = await api('/projects', {
      token: editor,
      body: projectBody('IR-13', { budgetToman: '۱ میلیارد و ۵۰۰ میلیون', loansToman: '۳۰ میلیارد تومان', jobsCreated: 'دويست‌و‌بيست' }),
    });
    expect(created.status).toBe(201);
    const stored = await api(`/projects/${created.body.id}`, { token: editor });
    expect(stored.body).toMatchObject({ budgetToman: '1500000000', loansToman: '30000000000', jobsCreated: 220 });
  });

  it('«4،482» is 422 naming the field: «،» lists, it does not group thousands', async () => {
    const response = await api('/projects', {
      token: editor,
      body: projectBody('IR-13', { jobsCreated: '4،482' }),
      headers: { 'accept-language': 'fa' },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors).toEqual([{ field: 'jobsCreated', rule: 'listComma', message: expect.stringContaining('جداکنندهٔ فهرست') }]);

    const amount = await api('/donations', {
      token: editor,
      body: donationBody(drive, 'IR-13', { amountToman: '4،482' }),
      headers: { 'accept-language': 'fa' },
    });
    expect(amount.status).toBe(422);
    expect(amount.body.errors).toEqual([{ field: 'amountToman', rule: 'listComma', message: expect.stringContaining('ویرگول «،»') }]);
  });

  it('«۱٫۲۳۴۵ هزار» toman is 422: not a whole number of toman', async () => {
    const response = await api('/donations', {
      token: editor,
      body: donationBody(drive, 'IR-13', { amountToman: '۱٫۲۳۴۵ هزار' }),
      headers: { 'accept-language': 'fa' },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'amountToman', rule: 'tomanNotWhole', message: expect.stringContaining('صحیح به تومان') }]);
    const english = await api('/donations', { token: editor, body: donationBody(drive, 'IR-13', { amountToman: '۱٫۲۳۴۵ هزار' }) });
    expect(english.status).toBe(422);
    expect(english.body.errors[0].message).toMatch(/whole number of toman/);
  });
});
