import type { ProjectCategory, ProjectStatus } from '@abad/core/schemas/project';

/** Persian names of the project categories and statuses (core's enums are the keys). */
export const CATEGORY_LABELS: Record<ProjectCategory, string> = {
  housing: 'مسکن محرومان',
  workshop: 'کارگاه تولیدی',
  agriculture: 'کشاورزی و دامداری',
  water: 'آبرسانی',
  school: 'مدرسه',
  mosque: 'مسجد',
  health: 'خانهٔ بهداشت و درمان',
  sports: 'ورزشی',
  cultural: 'فرهنگی',
  flood_protection: 'مهار سیلاب',
  green_space: 'فضای سبز',
  roads: 'راه روستایی',
  electricity: 'برق‌رسانی',
  reconstruction: 'بازسازی پس از سیل و زلزله',
  other: 'سایر',
};

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: 'در دست برنامه',
  in_progress: 'در حال اجرا',
  completed: 'تکمیل‌شده',
  operational: 'در حال بهره‌برداری',
  suspended: 'متوقف',
  cancelled: 'لغوشده',
};
