"""The Laporan module: the office's reports for a month, quarter or year, on screen and as files."""
