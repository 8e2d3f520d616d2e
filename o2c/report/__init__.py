"""Edge: the analyses rendered for people who do not open the app (Excel workbook, self-contained HTML)."""
