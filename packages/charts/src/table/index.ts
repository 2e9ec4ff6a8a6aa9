export { LogTable } from './LogTable';
export type { LogTableProps } from './LogTable';
export { columnsFromFields, fieldFromCatalog, getPath } from './columns';
export type { ColumnsFromFieldsOptions } from './columns';
export { formatValue, formatTimestamp } from './formatCell';
export { useLogTable } from './useLogTable';
export type { UseLogTableOptions } from './useLogTable';
export type { LogColumn, LogField, LogFieldType } from './types';
export type { SortingState, VisibilityState } from '@tanstack/react-table';
