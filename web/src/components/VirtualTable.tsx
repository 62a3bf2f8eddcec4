// A big table: TanStack Table for columns, TanStack Virtual for rows. Only the rows in view (plus
// a small overscan) are in the DOM; `onEndReached` asks for the next server page as the end
// comes into view. Sorting is the caller's (server-side): headers report clicks.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type ReactNode } from "react";

export interface SortState {
  id: string;
  desc: boolean;
}

export interface VirtualTableProps<T> {
  data: T[];
  columns: ColumnDef<T>[];
  label: string;
  getRowId: (row: T) => string;
  rowHeight?: number;
  overscan?: number;
  sort?: SortState | null;
  onSort?: (columnId: string) => void;
  sortable?: (columnId: string) => boolean;
  hasMore?: boolean;
  loadingMore?: boolean;
  onEndReached?: () => void;
  footer?: ReactNode;
  className?: string;
}

const END_MARGIN = 40; // rows before the end at which the next page is requested

export function VirtualTable<T>({
  data,
  columns,
  label,
  getRowId,
  rowHeight = 31,
  overscan = 6,
  sort,
  onSort,
  sortable,
  hasMore,
  loadingMore,
  onEndReached,
  footer,
  className,
}: VirtualTableProps<T>) {
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => getRowId(r), manualSorting: true });
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.length > 0 ? (items[items.length - 1]?.index ?? 0) : 0;

  useEffect(() => {
    if (hasMore && !loadingMore && onEndReached && rows.length > 0 && last >= rows.length - END_MARGIN) onEndReached();
  }, [last, rows.length, hasMore, loadingMore, onEndReached]);

  const padTop = items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const colCount = table.getVisibleLeafColumns().length;

  return (
    <div className={`table-wrap virtual-wrap ${className ?? ""}`} ref={scrollRef} tabIndex={0} role="region" aria-label={label}>
      <table className="data" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const id = h.column.id;
                const canSort = onSort && (sortable ? sortable(id) : true);
                const active = sort?.id === id;
                const meta = h.column.columnDef.meta as { numeric?: boolean } | undefined;
                return (
                  <th
                    key={h.id}
                    className={meta?.numeric ? "num" : undefined}
                    aria-sort={active ? (sort?.desc ? "descending" : "ascending") : undefined}
                    style={{ minWidth: h.getSize() }}
                  >
                    {canSort ? (
                      <button type="button" className="sort" onClick={() => onSort?.(id)}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        {active ? (sort?.desc ? " ▼" : " ▲") : ""}
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={colCount} style={{ height: padTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((vi) => {
            const row = rows[vi.index];
            if (!row) return null;
            return (
              <tr key={row.id} data-index={vi.index} aria-rowindex={vi.index + 2} style={{ height: rowHeight }}>
                {row.getVisibleCells().map((c) => {
                  const meta = c.column.columnDef.meta as { numeric?: boolean } | undefined;
                  return (
                    <td key={c.id} className={meta?.numeric ? "num" : undefined}>
                      {flexRender(c.column.columnDef.cell, c.getContext())}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={colCount} style={{ height: padBottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {footer}
    </div>
  );
}
