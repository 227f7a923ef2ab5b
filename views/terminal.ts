// Escape sequences the UI writes itself, around Ink's frames.

/** Enter the alternate screen, hide the cursor, clear, cursor home. */
export const ENTER_SCREEN = "\u001b[?1049h\u001b[?25l\u001b[2J\u001b[H";

/** Clear the screen and put the cursor home (Ink's first frame draws from there). */
export const CLEAR_SCREEN = "\u001b[2J\u001b[H";

/** Leave the alternate screen and show the cursor, whatever state Ink was left in. */
export const RESTORE_TERMINAL = "\u001b[?1049l\u001b[?25h";
