"""The highlighted report: PDF and printer rendering, its options dialog, background job and command line."""
