import type { Action } from '@abad/core/auth/principal';
import type { Session } from '../auth/session.ts';
import { distributionForm } from './distribution-form.ts';
import { donationForm } from './donation-form.ts';
import { driveForm } from './drive-form.ts';
import { planForm } from './plan-form.ts';
import { progressForm } from './progress-form.ts';
import { projectForm } from './project-form.ts';

/** The forms, in menu order, with the action (core's authorization rules) each needs. */
export interface FormEntry {
  slug: string;
  title: string;
  action: Action;
  build: (session: Session) => HTMLFormElement;
}

export const FORMS: readonly FormEntry[] = [
  { slug: 'donation', title: 'ثبت کمک مردمی', action: 'donation:write', build: donationForm },
  { slug: 'distribution', title: 'ثبت توزیع بسته', action: 'donation:write', build: distributionForm },
  { slug: 'project', title: 'ثبت پروژه', action: 'project:write', build: projectForm },
  { slug: 'progress', title: 'گزارش پیشرفت پروژه', action: 'project:write', build: progressForm },
  { slug: 'drive', title: 'ثبت پویش', action: 'drive:write', build: driveForm },
  { slug: 'plan', title: 'ثبت هدف برنامه', action: 'catalogue:write', build: planForm },
];
