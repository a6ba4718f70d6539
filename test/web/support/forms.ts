import type { Page } from 'playwright-core';

/** The control of a field, by the API field name it is registered under (`outputs.0.target`). */
export const control = (page: Page, name: string) => page.locator(`[data-field="${name}"]`).locator('input, select').first();

/** The error slot of a field, by its API field name. */
export const errorOf = (page: Page, name: string) => page.locator(`[data-error-for="${name}"]`);

export async function pickDate(page: Page, name: string, year: number, month: number, day: number): Promise<void> {
  const field = page.locator(`fieldset[data-field="${name}"]`);
  await field.getByLabel('سال').selectOption(String(year));
  await field.getByLabel('ماه').selectOption(String(month));
  await field.getByLabel('روز').selectOption(String(day));
}

/** Counts the POSTs the page sends to a path. */
export function countPosts(page: Page, path: string): () => number {
  let n = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === path) n++;
  });
  return () => n;
}

/** Adds an option the page would not offer (a value only the API can refuse) and picks it. */
export async function forceOption(page: Page, name: string, value: string): Promise<void> {
  await control(page, name).evaluate((select, v) => {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = v;
    (select as HTMLSelectElement).append(option);
  }, value);
  await control(page, name).selectOption(value);
}
