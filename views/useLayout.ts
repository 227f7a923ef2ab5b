// Layout arithmetic: a grid of panels on a wide terminal, tabs on a narrow one.
import { useWindowSize } from "ink";
import { PANELS } from "../src/analysis/finding.js";

export interface Layout {
  columns: number;
  rows: number;
  bodyHeight: number;
  /** Panels side by side: 1 (tabs), 2 or 3. */
  gridCols: number;
  /** Rows of the activity feed under the tabs (1: one line). */
  feedRows: number;
  /** Rows of the focused list in tabs layout. */
  listHeight: number;
  gridRows: number;
  cellWidth: number;
  cellHeight: number;
  /** How far PgUp/PgDn move in the focused list. */
  focusedListHeight: number;
}

export function layoutFor(columns: number, rows: number, hasNote: boolean): Layout {
  const headerRows = hasNote ? 3 : 2;
  const footerRows = 2;
  const bodyHeight = Math.max(4, rows - headerRows - footerRows);
  const gridCols = columns >= 160 && rows >= 30 ? 3 : columns >= 120 && rows >= 36 ? 2 : 1;
  const feedRows = gridCols === 1 ? (rows >= 36 ? Math.min(12, Math.floor(rows / 4)) : 1) : 0;
  const listHeight = gridCols === 1 ? Math.max(2, bodyHeight - 1 - feedRows) : 0;
  const gridRows = Math.ceil((PANELS.length + 1) / gridCols);
  const cellWidth = Math.floor(columns / gridCols) - (gridCols > 1 ? 1 : 0);
  const cellHeight = Math.floor(bodyHeight / gridRows);
  const focusedListHeight = gridCols === 1 ? listHeight : cellHeight - 1;
  return {
    columns,
    rows,
    bodyHeight,
    gridCols,
    feedRows,
    listHeight,
    gridRows,
    cellWidth,
    cellHeight,
    focusedListHeight,
  };
}

/** The layout for the terminal's current size (the header takes a row more when the source has a note). */
export function useLayout(hasNote: boolean): Layout {
  const { columns, rows } = useWindowSize();
  return layoutFor(columns, rows, hasNote);
}
