import Link from "next/link";
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx, focusRing } from "./cx";
import { ChevronDownIcon, ChevronUpIcon, SortIcon } from "./icons";

export type TableContainerProps = {
  /** Names the scrollable region, e.g. "Customers". Required: the region is focusable. */
  label: string;
  children: ReactNode;
  className?: string;
};

/**
 * Horizontal scroll wrapper. It is focusable so keyboard users can scroll a wide table
 * (WCAG 2.1.1); the label gives the focus stop a name.
 */
export function TableContainer({ label, children, className }: TableContainerProps) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cx("relative w-full overflow-x-auto rounded-card border border-line bg-surface shadow-card", focusRing, className)}
    >
      {children}
    </div>
  );
}

export function Table({ className, ...rest }: HTMLAttributes<HTMLTableElement>) {
  return <table className={cx("w-full min-w-max border-collapse text-left text-sm", className)} {...rest} />;
}

export function TableCaption({ className, ...rest }: HTMLAttributes<HTMLTableCaptionElement>) {
  return <caption className={cx("sr-only", className)} {...rest} />;
}

export function THead({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cx("border-b border-line bg-slate-50", className)} {...rest} />;
}

export function TBody({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cx("divide-y divide-line", className)} {...rest} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx("transition-colors [tbody_&]:hover:bg-slate-50", className)} {...rest} />;
}

export type SortDirection = "ascending" | "descending" | "none";

export type ThProps = ThHTMLAttributes<HTMLTableCellElement> & {
  /** Current sort of this column; sets aria-sort. Leave undefined for unsortable columns. */
  sort?: SortDirection;
  /** Link that sorts by this column (server-rendered lists). */
  sortHref?: string;
  /** Click handler that sorts by this column (client lists). */
  onSort?: () => void;
  align?: "left" | "right";
};

export function Th({ sort, sortHref, onSort, align, className, children, scope = "col", ...rest }: ThProps) {
  const icon =
    sort === "ascending" ? <ChevronUpIcon /> : sort === "descending" ? <ChevronDownIcon /> : <SortIcon className="text-slate-400" />;
  const sortable = sortHref !== undefined || onSort !== undefined;
  const inner = cx("-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-ink", focusRing);
  return (
    <th
      scope={scope}
      aria-sort={sortable ? (sort ?? "none") : sort}
      className={cx(
        "px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase",
        align === "right" && "text-right",
        className,
      )}
      {...rest}
    >
      {sortHref !== undefined ? (
        <Link href={sortHref} className={inner}>
          {children}
          {icon}
        </Link>
      ) : onSort ? (
        <button type="button" onClick={onSort} className={cx(inner, "uppercase")}>
          {children}
          {icon}
        </button>
      ) : (
        children
      )}
    </th>
  );
}

export type TdProps = TdHTMLAttributes<HTMLTableCellElement> & { align?: "left" | "right" };

export function Td({ align, className, ...rest }: TdProps) {
  return (
    <td className={cx("px-4 py-3 align-middle text-ink", align === "right" && "text-right", className)} {...rest} />
  );
}

/** Single full-width row for "no results" inside a table body. */
export function TableEmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-10 text-center text-sm text-ink-muted">
        {children}
      </td>
    </tr>
  );
}

/** A column heading: its text, or the props of its `<Th>` (sorting, alignment, a hidden label). */
export type DataTableColumn = string | (ThProps & { label: ReactNode; srOnly?: boolean });

export type DataTableProps = {
  /** Names the scrollable region (see TableContainer). */
  label: string;
  columns: DataTableColumn[];
  /** Shown in one full-width row when there are no rows (leave out where the caller shows its own empty state). */
  empty?: ReactNode;
  /** The body rows (`<Tr>`s); an empty array shows `empty`. */
  children: ReactNode[];
  className?: string;
};

/** The staff list table: scroll region, heading row, body rows or one "nothing here" row. */
export function DataTable({ label, columns, empty, children, className }: DataTableProps) {
  return (
    <TableContainer label={label} className={className}>
      <Table>
        <THead>
          <Tr>
            {columns.map((column, i) => {
              if (typeof column === "string") return <Th key={i}>{column}</Th>;
              const { label: heading, srOnly, ...th } = column;
              return (
                <Th key={i} {...th}>
                  {srOnly ? <span className="sr-only">{heading}</span> : heading}
                </Th>
              );
            })}
          </Tr>
        </THead>
        <TBody>{children.length === 0 && empty !== undefined ? <TableEmptyRow colSpan={columns.length}>{empty}</TableEmptyRow> : children}</TBody>
      </Table>
    </TableContainer>
  );
}
