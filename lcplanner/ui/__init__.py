"""The Qt editor: adapters over the service layer, panes, commands and the main window."""
