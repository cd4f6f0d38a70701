// The view component library. Pages compose these instead of repeating list and detail markup.
export { DataTable, parseSort, sortHref, sortRows, SORT_PARAM, DIR_PARAM, type Column, type SortDir, type SortState } from './data-table.tsx';
export { FilterBar, FilterInput, FilterSelect, type FilterOption } from './filter-bar.tsx';
export { Pagination } from './pagination.tsx';
export { SummaryList, type SummaryRow } from './summary-list.tsx';
export { StatusTag, type Tone } from './status-tag.tsx';
export { ActionPanel } from './action-panel.tsx';
export { ErrorSummary } from '../forms.tsx';
export { formatShortDate, formatShortDateTime, shortDate, shortDateTime } from './format.ts';
export { AddressField, ADDRESS_STEP, isAddressStep, type AddressFieldProps } from './address-field.tsx';
