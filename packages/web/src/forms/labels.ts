/** Persian names of the project categories and statuses: core holds them, next to the enums. */
export { PROJECT_CATEGORY_LABELS as CATEGORY_LABELS, PROJECT_STATUS_LABELS as STATUS_LABELS } from '@abad/core/schemas/project';
