"""Edit panes: one Designer form per kind of item, stacked on the right of the window."""
